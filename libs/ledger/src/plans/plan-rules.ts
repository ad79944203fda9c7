import type { CommandContext } from '@ledger/event-sourcing';
import type { Sealed } from '@ledger/security';
import { DomainError, invalid, refuse, wrongPartner } from '../shared/domain-error';
import type { ActivitySchedule, ActivityState, ConflictAcknowledgement, PlanState } from './plan';
import { findPlanConflicts, isConflict, type ScheduledActivity } from './plan-conflicts';

export type PlanIds = { planId: string; customerId: string };

/** The plan exists, the actor works for the partner whose plan it is, and the plan is not closed. */
export function requireOpenOwnPlan(state: PlanState, context: CommandContext): PlanIds {
  if (!state.exists || !state.planId || !state.customerId)
    throw new DomainError('NOT_FOUND', 'plan does not exist', 404);
  if (context.actor.partnerId !== state.partnerId)
    throw wrongPartner('only the partner whose plan it is changes it');
  if (state.closed) throw refuse('PLAN_CLOSED', `plan ${state.planId} is closed`);
  return { planId: state.planId, customerId: state.customerId };
}

/** The activity named in the path is one of this plan's. */
export function requireActivity(state: PlanState, activityId: string): ActivityState {
  const activity = state.activities[activityId];
  if (!activity) throw new DomainError('NOT_FOUND', `activity ${activityId} is not in this plan`, 404);
  return activity;
}

export function requireOpenActivity(state: PlanState, activityId: string): ActivityState {
  const activity = requireActivity(state, activityId);
  if (activity.ended) throw refuse('ACTIVITY_ENDED', `activity ${activityId} has ended`);
  return activity;
}

/** What the request alone shows to be wrong about an activity's dates and hours. */
export function requireSchedule({ startDate, endDate, weeklyHours }: ActivitySchedule): void {
  if (endDate < startDate) throw invalid('endDate', 'endDate is before startDate');
  if (!(weeklyHours > 0 && weeklyHours <= 168))
    throw invalid('weeklyHours', 'weeklyHours must be more than 0 and at most 168');
}

export function requireActiveProvider(providerPartnerId: string, providerActive: boolean): void {
  if (!providerActive) {
    throw refuse('PARTNER_NOT_FOUND', `partner ${providerPartnerId} does not exist or is deactivated`, {
      partnerId: providerPartnerId,
    });
  }
}

/** The customer's open activities and the configured limit: the facts the conflict rule reads. */
export interface ConflictFacts {
  scheduled: ScheduledActivity[];
  weeklyHoursLimit: number;
}

/**
 * PLAN_CONFLICT unless acknowledged with a reason; an acknowledgement is kept with what it acknowledged,
 * and dropped when there was nothing to acknowledge.
 */
export function acknowledgeConflicts(
  candidate: ScheduledActivity,
  { scheduled, weeklyHoursLimit }: ConflictFacts,
  acknowledgedReason: Sealed | undefined,
): { acknowledgedConflicts?: ConflictAcknowledgement } {
  const found = findPlanConflicts(candidate, scheduled, weeklyHoursLimit);
  if (!isConflict(found)) return {};
  const { conflicts, peakWeeklyHours } = found;
  if (!acknowledgedReason) {
    const over = found.overLimit
      ? `weekly hours reach ${peakWeeklyHours}, over the limit of ${weeklyHoursLimit}`
      : undefined;
    const others = conflicts.length > 0 ? `${conflicts.length} conflicting activities` : undefined;
    throw refuse(
      'PLAN_CONFLICT',
      `the activity conflicts with the customer's open plans: ${[others, over].filter(Boolean).join('; ')}`,
      { conflicts, peakWeeklyHours, weeklyHoursLimit },
    );
  }
  return { acknowledgedConflicts: { reason: acknowledgedReason, conflicts, peakWeeklyHours } };
}
