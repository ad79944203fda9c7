import type { Sealed } from '@ledger/security';
import { LedgerCommand } from '../../shared/ledger-command';
import type { PlanEvent, PlanState } from '../plan';
import { requireOpenOwnPlan } from '../plan-rules';

export class ClosePlan extends LedgerCommand<{ planId: string; reason: string }> {}

/** Closed for good: its activities stop counting toward conflicts, and nothing changes it after. */
export function decideClosePlan(
  { reason }: { planId: string; reason: Sealed },
  state: PlanState,
  context: ClosePlan['context'],
): PlanEvent[] {
  const ids = requireOpenOwnPlan(state, context);
  return [{ type: 'PlanClosed', data: { ...ids, reason } }];
}
