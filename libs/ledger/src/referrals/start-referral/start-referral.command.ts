import { LedgerCommand } from '../../shared/ledger-command';
import type { ReferralEvent, ReferralState } from '../referral';
import { requireSide, requireStatus } from '../referral-rules';

export class StartReferral extends LedgerCommand<{ referralId: string }> {}

export function decideStartReferral(
  _payload: { referralId: string },
  state: ReferralState,
  context: StartReferral['context'],
): ReferralEvent[] {
  const ids = requireSide(state, context, 'receiver');
  requireStatus(state, ['accepted'], 'start');
  return [{ type: 'ReferralStarted', data: ids }];
}
