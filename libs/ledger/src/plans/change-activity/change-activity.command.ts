import type { Sealed } from '@ledger/security';
import { invalid } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { ActivitySchedule, PlanEvent, PlanState } from '../plan';
import {
  acknowledgeConflicts,
  type ConflictFacts,
  requireActiveProvider,
  requireOpenActivity,
  requireOpenOwnPlan,
  requireSchedule,
} from '../plan-rules';

export type ChangeActivityPayload = {
  planId: string;
  activityId: string;
  changes: Partial<ActivitySchedule>;
  acknowledgedConflicts?: { reason: string };
};

export class ChangeActivity extends LedgerCommand<ChangeActivityPayload> {}

export type ActivityChange = Omit<ChangeActivityPayload, 'acknowledgedConflicts'> &
  ConflictFacts & {
    acknowledgedReason?: Sealed;
    /** Whether a new provider named in the changes exists and is active; absent when none is named. */
    providerActive?: boolean;
  };

const FIELDS = ['type', 'providerPartnerId', 'startDate', 'endDate', 'weeklyHours'] as const;

/** The activity as it would stand is checked as a whole, against everything but its own earlier version. */
export function decideChangeActivity(
  {
    planId: _p,
    activityId,
    changes,
    scheduled,
    weeklyHoursLimit,
    acknowledgedReason,
    providerActive,
  }: ActivityChange,
  state: PlanState,
  context: ChangeActivity['context'],
): PlanEvent[] {
  const ids = requireOpenOwnPlan(state, context);
  const current = requireOpenActivity(state, activityId);
  const given: Partial<ActivitySchedule> = Object.fromEntries(
    FIELDS.flatMap((f) => (changes[f] === undefined ? [] : [[f, changes[f]]])),
  );
  if (Object.keys(given).length === 0) throw invalid('changes', 'a change names at least one activity field');
  const { type, providerPartnerId, startDate, endDate, weeklyHours } = { ...current, ...given };
  const schedule = { type, providerPartnerId, startDate, endDate, weeklyHours };
  requireSchedule(schedule);
  if (given.providerPartnerId !== undefined)
    requireActiveProvider(providerPartnerId, providerActive === true);
  const candidate = { ...schedule, planId: ids.planId, partnerId: state.partnerId!, activityId };
  const acknowledged = acknowledgeConflicts(candidate, { scheduled, weeklyHoursLimit }, acknowledgedReason);
  return [{ type: 'PlanActivityChanged', data: { ...ids, activityId, changes: given, ...acknowledged } }];
}
