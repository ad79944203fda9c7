import type { Sealed } from '@ledger/security';
import { LedgerCommand } from '../../shared/ledger-command';
import type { PlanEvent, PlanState } from '../plan';
import { requireOpenOwnPlan } from '../plan-rules';

export class SetPlanGoals extends LedgerCommand<{ planId: string; goals: string[] }> {}

/** The plan's goals as they now stand, replacing the earlier ones (the history keeps both). */
export function decideSetPlanGoals(
  { goals }: { planId: string; goals: Sealed },
  state: PlanState,
  context: SetPlanGoals['context'],
): PlanEvent[] {
  const ids = requireOpenOwnPlan(state, context);
  return [{ type: 'PlanGoalSet', data: { ...ids, goals } }];
}
