import type { PartnerState } from '../../partners/partner';
import { refuse } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { AgreementEvent, AgreementState, AgreementTerms } from '../agreement';
import { checkParties, checkTerms, signaturesOf } from '../agreement-rules';

export type RecordAgreementPayload = AgreementTerms & { agreementId: string };

export class RecordAgreement extends LedgerCommand<RecordAgreementPayload> {}

/** The facts the decision needs from other streams, read by the handler. */
export type RecordAgreementDecision = RecordAgreementPayload & { partyStates: PartnerState[] };

export function decideRecordAgreement(
  { partyStates, ...payload }: RecordAgreementDecision,
  state: AgreementState,
  context: RecordAgreement['context'],
): AgreementEvent[] {
  if (state.exists) throw refuse('AGREEMENT_EXISTS', `agreement ${payload.agreementId} is already recorded`);
  checkTerms(payload);
  checkParties(payload.parties, partyStates, context);
  const recorded: AgreementEvent = { type: 'AgreementRecorded', data: payload };
  // Recorded by an administrator with no partner, it is signed for every party at once (api.md).
  if (context.actor.partnerId !== null) return [recorded];
  const partnerIds = signaturesOf(payload.parties, context);
  return [recorded, { type: 'AgreementSigned', data: { agreementId: payload.agreementId, partnerIds } }];
}
