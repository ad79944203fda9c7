import type { Sealed } from '@ledger/security';
import { LedgerCommand } from '../../shared/ledger-command';
import { OPEN_STATUSES, type ReferralEvent, type ReferralState } from '../referral';
import { requireSide, requireStatus } from '../referral-rules';

export class CancelReferral extends LedgerCommand<{ referralId: string; reason: string }> {}

export function decideCancelReferral(
  { reason }: { referralId: string; reason: Sealed },
  state: ReferralState,
  context: CancelReferral['context'],
): ReferralEvent[] {
  const ids = requireSide(state, context, 'sender');
  requireStatus(state, OPEN_STATUSES, 'cancel');
  return [{ type: 'ReferralCancelled', data: { ...ids, reason } }];
}
