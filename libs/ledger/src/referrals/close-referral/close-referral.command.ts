import type { Sealed } from '@ledger/security';
import { refuse } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { ReferralEvent, ReferralState } from '../referral';
import { requireSide, requireStatus } from '../referral-rules';

export class CloseReferral extends LedgerCommand<{ referralId: string; note?: string }> {}

/** The sender closes the loop once it has seen the outcome; the status stays. */
export function decideCloseReferral(
  { note }: { referralId: string; note?: Sealed },
  state: ReferralState,
  context: CloseReferral['context'],
): ReferralEvent[] {
  const ids = requireSide(state, context, 'sender');
  requireStatus(state, ['completed', 'failed', 'rejected'], 'close');
  if (state.closed)
    throw refuse('TRANSITION_NOT_ALLOWED', 'this loop is already closed', { referralStatus: state.status });
  return [{ type: 'ReferralClosed', data: { ...ids, ...(note ? { note } : {}) } }];
}
