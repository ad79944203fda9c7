import type { Sealed } from '@ledger/security';
import { refuse } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { ActivitySchedule, PlanEvent, PlanState } from '../plan';
import {
  acknowledgeConflicts,
  type ConflictFacts,
  requireActiveProvider,
  requireOpenOwnPlan,
  requireSchedule,
} from '../plan-rules';

export type AssignActivityPayload = ActivitySchedule & {
  planId: string;
  activityId: string;
  acknowledgedConflicts?: { reason: string };
};

export class AssignActivity extends LedgerCommand<AssignActivityPayload> {}

export type ActivityAssignment = ActivitySchedule &
  ConflictFacts & {
    planId: string;
    activityId: string;
    /** The sealed reason of `acknowledgedConflicts`, when the command carries one. */
    acknowledgedReason?: Sealed;
    providerActive: boolean;
  };

export function decideAssignActivity(
  { scheduled, weeklyHoursLimit, acknowledgedReason, providerActive, ...activity }: ActivityAssignment,
  state: PlanState,
  context: AssignActivity['context'],
): PlanEvent[] {
  const ids = requireOpenOwnPlan(state, context);
  const { activityId, type, providerPartnerId, startDate, endDate, weeklyHours } = activity;
  const schedule = { type, providerPartnerId, startDate, endDate, weeklyHours };
  requireSchedule(schedule);
  if (state.activities[activityId]) throw refuse('ACTIVITY_EXISTS', `activity ${activityId} already exists`);
  requireActiveProvider(providerPartnerId, providerActive);
  const candidate = { ...schedule, planId: ids.planId, partnerId: state.partnerId!, activityId };
  const acknowledged = acknowledgeConflicts(candidate, { scheduled, weeklyHoursLimit }, acknowledgedReason);
  return [{ type: 'PlanActivityAssigned', data: { ...ids, activityId, ...schedule, ...acknowledged } }];
}
