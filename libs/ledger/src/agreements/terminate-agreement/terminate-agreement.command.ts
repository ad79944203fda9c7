import { invalid, wrongPartner } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { AgreementEvent, AgreementState } from '../agreement';
import { requireOpenAgreement } from '../agreement-rules';

export type TerminateAgreementPayload = { agreementId: string; effectiveTo: string; reason: string };

export class TerminateAgreement extends LedgerCommand<TerminateAgreementPayload> {}

export function decideTerminateAgreement(
  payload: TerminateAgreementPayload,
  state: AgreementState,
  context: TerminateAgreement['context'],
): AgreementEvent[] {
  const terms = requireOpenAgreement(state);
  const own = context.actor.partnerId;
  if (own !== null && !terms.parties.includes(own))
    throw wrongPartner('your partner is not a party to this agreement');
  if (payload.effectiveTo < terms.effectiveFrom)
    throw invalid('effectiveTo', 'termination precedes the agreement');
  return [{ type: 'AgreementTerminated', data: payload }];
}
