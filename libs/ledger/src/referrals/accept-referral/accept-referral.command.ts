import type { Consent } from '../../customers/customer';
import { refuse } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { ReferralEvent, ReferralState } from '../referral';
import { requireSide, requireStatus } from '../referral-rules';

export class AcceptReferral extends LedgerCommand<{ referralId: string }> {}

/** A requested referral whose consent was revoked can no longer be accepted (security.md). */
export function decideAcceptReferral(
  { consent }: { referralId: string; consent?: Consent },
  state: ReferralState,
  context: AcceptReferral['context'],
): ReferralEvent[] {
  const ids = requireSide(state, context, 'receiver');
  requireStatus(state, ['requested'], 'accept');
  if (!consent || consent.revoked)
    throw refuse('CONSENT_REVOKED', 'the consent this referral relied on was revoked');
  return [{ type: 'ReferralAccepted', data: { ...ids, acceptedBy: context.actor.accountId } }];
}
