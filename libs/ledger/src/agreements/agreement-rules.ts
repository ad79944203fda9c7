import type { CommandContext } from '@ledger/event-sourcing';
import type { PartnerState } from '../partners/partner';
import { DomainError, invalid, refuse, wrongPartner } from '../shared/domain-error';
import type { AgreementState, AgreementTerms } from './agreement';

/** What the request alone can show wrong in a set of terms: 400, naming the field. */
export function checkTerms(terms: AgreementTerms): void {
  if (new Set(terms.parties).size < 2)
    throw invalid('parties', 'an agreement names at least two different partners');
  if (terms.effectiveTo < terms.effectiveFrom)
    throw invalid('effectiveTo', 'effectiveTo is before effectiveFrom');
  const isParty = (id: string) => terms.parties.includes(id);
  terms.referrals.forEach((d, i) => {
    if (!isParty(d.from) || !isParty(d.to) || d.from === d.to) {
      throw invalid(`referrals[${i}]`, 'a referral direction runs between two different parties');
    }
  });
  terms.dataSharing.forEach((d, i) => {
    if (!isParty(d.from) || !isParty(d.to) || d.from === d.to) {
      throw invalid(`dataSharing[${i}]`, 'data sharing runs between two different parties');
    }
  });
}

/** Every party exists and is active; an administrator with a partner records only agreements it is party to. */
export function checkParties(
  parties: readonly string[],
  states: readonly PartnerState[],
  context: CommandContext,
): void {
  states.forEach((state, i) => {
    if (!state.exists)
      throw refuse('PARTNER_NOT_FOUND', `partner ${parties[i]} does not exist`, { partnerId: parties[i] });
    if (!state.active)
      throw refuse('PARTNER_INACTIVE', `partner ${parties[i]} is deactivated`, { partnerId: parties[i] });
  });
  const own = context.actor.partnerId;
  if (own !== null && !parties.includes(own))
    throw wrongPartner('your partner is not a party to this agreement');
}

/** Signatures an actor gives: its own partner's, or every party's for an administrator with no partner. */
export function signaturesOf(parties: readonly string[], context: CommandContext): string[] {
  const own = context.actor.partnerId;
  return own === null ? [...parties] : [own];
}

export function requireOpenAgreement(state: AgreementState): AgreementTerms {
  if (!state.exists || !state.terms) throw new DomainError('NOT_FOUND', 'agreement does not exist', 404);
  if (state.terminated) throw refuse('AGREEMENT_TERMINATED', `agreement ${state.agreementId} was terminated`);
  return state.terms;
}
