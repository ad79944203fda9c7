import { wrongPartner } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { AgreementEvent, AgreementState } from '../agreement';
import { requireOpenAgreement, signaturesOf } from '../agreement-rules';

export class SignAgreement extends LedgerCommand<{ agreementId: string }> {}

export function decideSignAgreement(
  { agreementId }: { agreementId: string },
  state: AgreementState,
  context: SignAgreement['context'],
): AgreementEvent[] {
  const terms = requireOpenAgreement(state);
  const own = context.actor.partnerId;
  if (own !== null && !terms.parties.includes(own))
    throw wrongPartner('your partner is not a party to this agreement');
  const partnerIds = signaturesOf(terms.parties, context).filter((p) => !state.signedBy.includes(p));
  return partnerIds.length === 0 ? [] : [{ type: 'AgreementSigned', data: { agreementId, partnerIds } }];
}
