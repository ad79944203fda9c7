import type { PartnerState } from '../../partners/partner';
import { LedgerCommand } from '../../shared/ledger-command';
import type { AgreementEvent, AgreementState, AgreementTerms } from '../agreement';
import { checkParties, checkTerms, requireOpenAgreement, signaturesOf } from '../agreement-rules';

export type AmendAgreementPayload = { agreementId: string; changes: Partial<AgreementTerms>; reason: string };

export class AmendAgreement extends LedgerCommand<AmendAgreementPayload> {}

export type AmendAgreementDecision = AmendAgreementPayload & {
  partyStates: (terms: AgreementTerms) => PartnerState[];
};

export function decideAmendAgreement(
  { partyStates, ...payload }: AmendAgreementDecision,
  state: AgreementState,
  context: AmendAgreement['context'],
): AgreementEvent[] {
  const amended = { ...requireOpenAgreement(state), ...payload.changes };
  checkTerms(amended);
  checkParties(amended.parties, partyStates(amended), context);
  const events: AgreementEvent[] = [{ type: 'AgreementAmended', data: payload }];
  if (context.actor.partnerId === null) {
    const partnerIds = signaturesOf(amended.parties, context);
    events.push({ type: 'AgreementSigned', data: { agreementId: payload.agreementId, partnerIds } });
  }
  return events;
}
