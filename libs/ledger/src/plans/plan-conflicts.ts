import type { PlanEntry } from '../customer-files/customer-file';
import type { ActivitySchedule } from './plan';

/** An open activity of one of the customer's open plans, whichever partner's plan it is. */
export interface ScheduledActivity extends ActivitySchedule {
  planId: string;
  /** The partner whose plan it is (the provider may be another). */
  partnerId: string;
  activityId: string;
}

export type ConflictReason = 'weekly-hours-over-limit' | 'same-type-other-provider';

/**
 * What a PLAN_CONFLICT shows of a conflicting activity, and nothing else of the other plan (security.md:
 * plan id, partner, type, dates, hours), with which rule it broke.
 */
export interface ConflictingActivity {
  planId: string;
  partnerId: string;
  type: string;
  startDate: string;
  endDate: string;
  weeklyHours: number;
  reasons: ConflictReason[];
}

export interface PlanConflicts {
  /** The other activities it conflicts with, in the order given. */
  conflicts: ConflictingActivity[];
  /** The highest total of weekly hours in effect on one of the candidate's days, the candidate included. */
  peakWeeklyHours: number;
  /** Some day of the candidate's is over the limit (possibly the candidate alone). */
  overLimit: boolean;
}

export const isConflict = (found: PlanConflicts) => found.overLimit || found.conflicts.length > 0;

const DAY = 86_400_000;
/** A plain date as a day number; dates are compared as calendar days, never as instants. */
const dayOf = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
/** Hours in hundredths, so that 20.1 + 19.9 is 40 and not a conflict. */
const hundredths = (hours: number) => Math.round(hours * 100);

/**
 * api.md "Plan conflicts": on any day of the candidate's dates (inclusive) where the weekly hours in effect,
 * the candidate's included, add up to more than the limit, every other activity in effect that day conflicts;
 * so does any overlapping activity of the same type from another provider. The candidate's own earlier version
 * (same plan and activity id) is not compared. Precondition: startDate ≤ endDate for every activity.
 */
export function findPlanConflicts(
  candidate: ScheduledActivity,
  scheduled: readonly ScheduledActivity[],
  weeklyHoursLimit: number,
): PlanConflicts {
  const start = dayOf(candidate.startDate);
  const end = dayOf(candidate.endDate);
  const overlapping = scheduled
    .filter((o) => o.planId !== candidate.planId || o.activityId !== candidate.activityId)
    .map((activity) => ({ activity, from: dayOf(activity.startDate), to: dayOf(activity.endDate) }))
    .filter((o) => o.from <= end && o.to >= start);
  const reasons = new Map<number, Set<ConflictReason>>();
  const flag = (index: number, reason: ConflictReason) =>
    reasons.set(index, (reasons.get(index) ?? new Set()).add(reason));

  overlapping.forEach(({ activity }, i) => {
    if (activity.type === candidate.type && activity.providerPartnerId !== candidate.providerPartnerId)
      flag(i, 'same-type-other-provider');
  });

  // Only the days an activity starts need adding up: whatever is in effect on any day is also in effect on
  // the latest of those starts before it, so no other day can be over the limit, or list more.
  const starts = new Set([start, ...overlapping.map((o) => o.from).filter((from) => from > start)]);
  const limit = hundredths(weeklyHoursLimit);
  let peak = hundredths(candidate.weeklyHours);
  for (const day of starts) {
    const inEffect = overlapping.flatMap((o, i) => (o.from <= day && day <= o.to ? [i] : []));
    const total = inEffect.reduce(
      (sum, i) => sum + hundredths(overlapping[i].activity.weeklyHours),
      hundredths(candidate.weeklyHours),
    );
    peak = Math.max(peak, total);
    if (total > limit) for (const i of inEffect) flag(i, 'weekly-hours-over-limit');
  }

  const conflicts = overlapping.flatMap(({ activity: a }, i) => {
    const why = reasons.get(i);
    if (!why) return [];
    const { planId, partnerId, type, startDate, endDate, weeklyHours } = a;
    return [{ planId, partnerId, type, startDate, endDate, weeklyHours, reasons: [...why].sort() }];
  });
  return { conflicts, peakWeeklyHours: peak / 100, overLimit: peak > limit };
}

/** The open activities of the customer's open plans, from the customer's file. */
export function openActivities(plans: Iterable<PlanEntry>): ScheduledActivity[] {
  return [...plans]
    .filter((plan) => !plan.closed)
    .flatMap((plan) =>
      [...plan.activities.values()]
        .filter((activity) => !activity.ended)
        .map(({ ended: _ended, ...activity }) => ({
          ...activity,
          planId: plan.planId,
          partnerId: plan.partnerId,
        })),
    );
}
