import { invalid } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { Consent, CustomerEvent, CustomerState } from '../customer';
import { requirePartners } from '../customer-facts';
import { requireCustomer } from '../customer-rules';

export type GrantConsentPayload = { customerId: string } & Omit<Consent, 'revoked'>;

export class GrantConsent extends LedgerCommand<GrantConsentPayload> {}

export function decideGrantConsent(
  { activePartners, ...payload }: GrantConsentPayload & { activePartners: string[] },
  state: CustomerState,
  context: GrantConsent['context'],
): CustomerEvent[] {
  requireCustomer(state);
  if (Date.parse(payload.expiresAt) <= context.now.getTime())
    throw invalid('expiresAt', 'the consent would already have expired');
  requirePartners([...payload.recipients, payload.obtainedBy], activePartners);
  if (state.consents[payload.consentId]) return [];
  return [{ type: 'ConsentGranted', data: payload }];
}
