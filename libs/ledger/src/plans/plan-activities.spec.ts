import { spec, testContext } from '@ledger/event-sourcing/testing/given-when-then';
import type { Sealed } from '@ledger/security';
import type { Decide } from '../shared/execute';
import { decideAssignActivity } from './assign-activity/assign-activity.command';
import { decideChangeActivity } from './change-activity/change-activity.command';
import { decideEndActivity } from './end-activity/end-activity.command';
import { type PlanEvent, type PlanState, plans } from './plan';
import type { ScheduledActivity } from './plan-conflicts';

const sealed: Sealed = { sealed: 'A256GCM', iv: 'iv', data: 'data' };
const ids = { planId: 'plan-1', customerId: 'customer-1' };
const fep = testContext({ actor: { accountId: 'fep-1', partnerId: 'w2' } });
const given = <P>(decide: Decide<P, PlanEvent, PlanState>) => spec({ ...plans, decide });
const code = (c: string) => expect.objectContaining({ code: c });
const badField = (field: string) =>
  expect.objectContaining({ status: 400, details: { errors: [expect.objectContaining({ field })] } });

const created: PlanEvent = {
  type: 'PlanCreated',
  data: {
    ...ids,
    partnerId: 'w2',
    kind: 'employability-plan',
    goals: sealed,
    customerParticipation: { present: true },
    createdBy: 'fep-1',
  },
};
const schedule = {
  type: 'job-search',
  providerPartnerId: 'w2',
  startDate: '2026-03-16',
  endDate: '2026-06-30',
  weeklyHours: 20,
};
const assigned: PlanEvent = {
  type: 'PlanActivityAssigned',
  data: { ...ids, activityId: 'act-1', ...schedule },
};
/** The child-welfare case plan's parenting class, another partner's, as the customer's file shows it. */
const parenting: ScheduledActivity = {
  planId: 'plan-cw',
  partnerId: 'cw',
  activityId: 'act-cw',
  type: 'parenting-class',
  providerPartnerId: 'cw',
  startDate: '2026-04-01',
  endDate: '2026-05-31',
  weeklyHours: 25,
};
const shown = {
  planId: 'plan-cw',
  partnerId: 'cw',
  type: 'parenting-class',
  startDate: '2026-04-01',
  endDate: '2026-05-31',
  weeklyHours: 25,
  reasons: ['weekly-hours-over-limit'],
};
const assignment = (over: object = {}) => ({
  ...ids,
  activityId: 'act-1',
  ...schedule,
  scheduled: [] as ScheduledActivity[],
  weeklyHoursLimit: 40,
  providerActive: true,
  ...over,
});

describe('assigning an activity', () => {
  it('assigns an activity within the limit', () => {
    given(decideAssignActivity).given([created]).when(assignment(), fep).thenEmits([assigned]);
    const state = [created, assigned].reduce(plans.evolve, plans.initialState());
    expect(state.activities['act-1']).toEqual({ activityId: 'act-1', ...schedule, ended: false });
  });

  it('refuses what the request shows to be wrong, naming the field', () => {
    given(decideAssignActivity)
      .given([created])
      .when(assignment({ endDate: '2026-03-15' }), fep)
      .thenThrows(badField('endDate'));
    given(decideAssignActivity)
      .given([created])
      .when(assignment({ weeklyHours: 0 }), fep)
      .thenThrows(badField('weeklyHours'));
    given(decideAssignActivity)
      .given([created])
      .when(assignment({ weeklyHours: 168.5 }), fep)
      .thenThrows(badField('weeklyHours'));
    given(decideAssignActivity)
      .given([created])
      .when(assignment({ startDate: '2026-03-16', endDate: '2026-03-16', weeklyHours: 168 }), fep)
      .thenThrows(code('PLAN_CONFLICT'));
  });

  it('needs an existing, active provider and a new activity id', () => {
    given(decideAssignActivity)
      .given([created])
      .when(assignment({ providerActive: false }), fep)
      .thenThrows(code('PARTNER_NOT_FOUND'));
    given(decideAssignActivity)
      .given([created, assigned])
      .when(assignment(), fep)
      .thenThrows(code('ACTIVITY_EXISTS'));
  });

  it('refuses a conflict with another partner’s plan, listing only what may be shown of it', () => {
    given(decideAssignActivity)
      .given([created])
      .when(assignment({ scheduled: [parenting] }), fep)
      .thenThrows(
        expect.objectContaining({
          code: 'PLAN_CONFLICT',
          status: 409,
          details: { conflicts: [shown], peakWeeklyHours: 45, weeklyHoursLimit: 40 },
        }),
      );
  });

  it('records an acknowledged conflict with its reason and what it acknowledged', () => {
    given(decideAssignActivity)
      .given([created])
      .when(assignment({ scheduled: [parenting], acknowledgedReason: sealed }), fep)
      .thenEmits([
        {
          type: 'PlanActivityAssigned',
          data: {
            ...assigned.data,
            acknowledgedConflicts: { reason: sealed, conflicts: [shown], peakWeeklyHours: 45 },
          },
        } as PlanEvent,
      ]);
  });

  it('records no acknowledgement when there was nothing to acknowledge', () => {
    given(decideAssignActivity)
      .given([created])
      .when(assignment({ acknowledgedReason: sealed }), fep)
      .thenEmits([assigned]);
  });

  it('counts this plan’s own activities too', () => {
    const own = { ...parenting, planId: 'plan-1', partnerId: 'w2', activityId: 'act-0', type: 'training' };
    given(decideAssignActivity)
      .given([created])
      .when(assignment({ scheduled: [own] }), fep)
      .thenThrows(code('PLAN_CONFLICT'));
  });
});

describe('changing and ending an activity', () => {
  const change = (changes: object, over: object = {}) => ({
    ...ids,
    activityId: 'act-1',
    changes,
    scheduled: [{ ...schedule, planId: 'plan-1', partnerId: 'w2', activityId: 'act-1' }],
    weeklyHoursLimit: 40,
    ...over,
  });

  it('records the fields given, and checks the activity as it would stand without its earlier version', () => {
    given(decideChangeActivity)
      .given([created, assigned])
      .when(change({ weeklyHours: 40 }), fep)
      .thenEmits([
        { type: 'PlanActivityChanged', data: { ...ids, activityId: 'act-1', changes: { weeklyHours: 40 } } },
      ]);
    given(decideChangeActivity)
      .given([created, assigned])
      .when(change({ weeklyHours: 30, startDate: '2026-05-01' }, { scheduled: [parenting] }), fep)
      .thenThrows(code('PLAN_CONFLICT'));
    given(decideChangeActivity)
      .given([created, assigned])
      .when(change({ startDate: '2026-06-01' }, { scheduled: [parenting] }), fep)
      .thenEmits([
        {
          type: 'PlanActivityChanged',
          data: { ...ids, activityId: 'act-1', changes: { startDate: '2026-06-01' } },
        },
      ]);
    const state = [
      created,
      assigned,
      {
        type: 'PlanActivityChanged',
        data: { ...ids, activityId: 'act-1', changes: { weeklyHours: 30 } },
      } as PlanEvent,
    ].reduce(plans.evolve, plans.initialState());
    expect(state.activities['act-1']).toMatchObject({ ...schedule, weeklyHours: 30 });
  });

  it('records an acknowledged conflict on the change', () => {
    const [event] = given(decideChangeActivity)
      .given([created, assigned])
      .when(change({ weeklyHours: 30 }, { scheduled: [parenting], acknowledgedReason: sealed }), fep)
      .events();
    expect(event.data).toMatchObject({ acknowledgedConflicts: { reason: sealed, peakWeeklyHours: 55 } });
  });

  it('refuses a change that leaves the dates reversed, names nothing, or names an inactive provider', () => {
    given(decideChangeActivity)
      .given([created, assigned])
      .when(change({ endDate: '2026-03-01' }), fep)
      .thenThrows(badField('endDate'));
    given(decideChangeActivity)
      .given([created, assigned])
      .when(change({ startDate: '2026-07-01' }), fep)
      .thenThrows(badField('endDate'));
    given(decideChangeActivity)
      .given([created, assigned])
      .when(change({}), fep)
      .thenThrows(badField('changes'));
    given(decideChangeActivity)
      .given([created, assigned])
      .when(change({ providerPartnerId: 'gone' }, { providerActive: false }), fep)
      .thenThrows(code('PARTNER_NOT_FOUND'));
  });

  it('knows only this plan’s activities, and changes none that ended', () => {
    const ended: PlanEvent = {
      type: 'PlanActivityEnded',
      data: { ...ids, activityId: 'act-1', endDate: '2026-04-30', reason: sealed },
    };
    given(decideChangeActivity)
      .given([created, assigned])
      .when({ ...change({ weeklyHours: 10 }), activityId: 'act-9' }, fep)
      .thenThrows(expect.objectContaining({ status: 404 }));
    given(decideChangeActivity)
      .given([created, assigned, ended])
      .when(change({ weeklyHours: 10 }), fep)
      .thenThrows(code('ACTIVITY_ENDED'));
  });

  it('ends an activity on a day not before it started, once', () => {
    const end = { ...ids, activityId: 'act-1', endDate: '2026-04-30', reason: sealed };
    const ended: PlanEvent = { type: 'PlanActivityEnded', data: end };
    given(decideEndActivity).given([created, assigned]).when(end, fep).thenEmits([ended]);
    given(decideEndActivity)
      .given([created, assigned])
      .when({ ...end, endDate: '2026-03-15' }, fep)
      .thenThrows(badField('endDate'));
    given(decideEndActivity)
      .given([created, assigned, ended])
      .when(end, fep)
      .thenThrows(code('ACTIVITY_ENDED'));
    given(decideEndActivity)
      .given([created, assigned])
      .when({ ...end, activityId: 'act-9' }, fep)
      .thenThrows(expect.objectContaining({ status: 404 }));
    const state = [created, assigned, ended].reduce(plans.evolve, plans.initialState());
    expect(state.activities['act-1']).toMatchObject({ endDate: '2026-04-30', ended: true });
  });
});
