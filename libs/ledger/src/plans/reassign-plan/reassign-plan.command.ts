import { type Assignee, requireAssignee } from '../../cases/reassign-case/reassign-case.command';
import { LedgerCommand } from '../../shared/ledger-command';
import type { PlanEvent, PlanState } from '../plan';
import { requireOpenOwnPlan } from '../plan-rules';

export class ReassignPlan extends LedgerCommand<{ planId: string; accountId: string }> {}

/** To another active worker of the plan's partner; the plan stays with its partner. */
export function decideReassignPlan(
  { assignee, accountId }: { planId: string; accountId: string; assignee: Assignee },
  state: PlanState,
  context: ReassignPlan['context'],
): PlanEvent[] {
  const ids = requireOpenOwnPlan(state, context);
  requireAssignee(assignee, state.partnerId, accountId);
  return state.assignedTo === accountId ? [] : [{ type: 'PlanReassigned', data: { ...ids, accountId } }];
}
