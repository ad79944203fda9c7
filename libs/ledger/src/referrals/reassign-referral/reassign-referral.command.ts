import { type Assignee, requireAssignee } from '../../cases/reassign-case/reassign-case.command';
import { LedgerCommand } from '../../shared/ledger-command';
import { OPEN_STATUSES, type ReferralEvent, type ReferralState } from '../referral';
import { requireSide, requireStatus } from '../referral-rules';

export class ReassignReferral extends LedgerCommand<{ referralId: string; accountId: string }> {}

/** Within the receiving partner, which holds the open referral's next step. */
export function decideReassignReferral(
  { accountId, assignee }: { referralId: string; accountId: string; assignee: Assignee },
  state: ReferralState,
  context: ReassignReferral['context'],
): ReferralEvent[] {
  const ids = requireSide(state, context, 'receiver');
  requireStatus(state, OPEN_STATUSES, 'reassign');
  requireAssignee(assignee, state.toPartnerId, accountId);
  return state.assignedTo === accountId ? [] : [{ type: 'ReferralReassigned', data: { ...ids, accountId } }];
}
