import type { Sealed } from '@ledger/security';
import { invalid } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { PlanEvent, PlanState } from '../plan';
import { requireOpenActivity, requireOpenOwnPlan } from '../plan-rules';

export type EndActivityPayload = { planId: string; activityId: string; endDate: string; reason: string };

export class EndActivity extends LedgerCommand<EndActivityPayload> {}

/** Ended on its last day; an ended activity no longer counts toward conflicts. */
export function decideEndActivity(
  { activityId, endDate, reason }: Omit<EndActivityPayload, 'reason'> & { reason: Sealed },
  state: PlanState,
  context: EndActivity['context'],
): PlanEvent[] {
  const ids = requireOpenOwnPlan(state, context);
  const activity = requireOpenActivity(state, activityId);
  if (endDate < activity.startDate) throw invalid('endDate', 'the activity cannot end before it started');
  return [{ type: 'PlanActivityEnded', data: { ...ids, activityId, endDate, reason } }];
}
