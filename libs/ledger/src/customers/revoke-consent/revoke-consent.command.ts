import type { Sealed } from '@ledger/security';
import { refuse } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { CustomerEvent, CustomerState } from '../customer';
import { requireCustomer } from '../customer-rules';

export type RevokeConsentPayload = { customerId: string; consentId: string; reason: string };

export class RevokeConsent extends LedgerCommand<RevokeConsentPayload> {}

export function decideRevokeConsent(
  payload: { customerId: string; consentId: string; reason: Sealed },
  state: CustomerState,
): CustomerEvent[] {
  requireCustomer(state);
  const consent = state.consents[payload.consentId];
  if (!consent)
    throw refuse('CONSENT_NOT_FOUND', `consent ${payload.consentId} does not exist for this customer`);
  if (consent.revoked)
    throw refuse('CONSENT_ALREADY_REVOKED', `consent ${payload.consentId} was already revoked`);
  return [{ type: 'ConsentRevoked', data: payload }];
}
