import { spec, testContext } from '@ledger/event-sourcing/testing/given-when-then';
import type { Sealed } from '@ledger/security';
import type { Decide } from '../shared/execute';
import { decideAssignActivity } from './assign-activity/assign-activity.command';
import { decideChangeActivity } from './change-activity/change-activity.command';
import { decideClosePlan } from './close-plan/close-plan.command';
import { decideCompleteActionItem } from './complete-action-item/complete-action-item.command';
import { decideCreateActionItem } from './create-action-item/create-action-item.command';
import { decideCreatePlan } from './create-plan/create-plan.command';
import { decideEndActivity } from './end-activity/end-activity.command';
import { type PlanEvent, type PlanState, plans } from './plan';
import { decideReassignPlan } from './reassign-plan/reassign-plan.command';
import { decideReviewPlan } from './review-plan/review-plan.command';
import { decideSetPlanGoals } from './set-plan-goals/set-plan-goals.command';
import { decideSignPlan } from './sign-plan/sign-plan.command';

const sealed: Sealed = { sealed: 'A256GCM', iv: 'iv', data: 'data' };
const ids = { planId: 'plan-1', customerId: 'customer-1' };
const fep = testContext({ actor: { accountId: 'fep-1', partnerId: 'w2' } });
const stranger = testContext({ actor: { accountId: 'cm-9', partnerId: 'cw' } });
const given = <P>(decide: Decide<P, PlanEvent, PlanState>) => spec({ ...plans, decide });
const code = (c: string) => expect.objectContaining({ code: c });

const created: PlanEvent = {
  type: 'PlanCreated',
  data: {
    ...ids,
    partnerId: 'w2',
    kind: 'employability-plan',
    goals: sealed,
    customerParticipation: { present: true, customerGoals: sealed },
    createdBy: 'fep-1',
  },
};
const closed: PlanEvent = { type: 'PlanClosed', data: { ...ids, reason: sealed } };
const activity: PlanEvent = {
  type: 'PlanActivityAssigned',
  data: {
    ...ids,
    activityId: 'act-1',
    type: 'job-search',
    providerPartnerId: 'w2',
    startDate: '2026-03-16',
    endDate: '2026-06-30',
    weeklyHours: 20,
  },
};
const item: PlanEvent = {
  type: 'ActionItemCreated',
  data: { ...ids, itemId: 'item-1', assignee: 'participant', description: sealed, dueDate: '2026-04-01' },
};
const facts = { scheduled: [], weeklyHoursLimit: 40 };

describe('plan decider: creating', () => {
  const creation = {
    ...ids,
    partnerId: 'w2',
    kind: 'employability-plan',
    sealed: { goals: sealed, customerParticipation: { present: true, customerGoals: sealed } },
    customer: { exists: true },
    partnerActive: true,
  };

  it('creates a plan for the actor’s own partner, recording how the customer took part and who made it', () => {
    given(decideCreatePlan).given([]).when(creation, fep).thenEmits([created]);
    given(decideCreatePlan)
      .given([])
      .when({ ...creation, sealed: { goals: sealed, customerParticipation: { present: false } } }, fep)
      .thenEmits([
        {
          type: 'PlanCreated',
          data: { ...created.data, customerParticipation: { present: false } },
        } as PlanEvent,
      ]);
  });

  it.each([
    ['for another partner', { ...creation, partnerId: 'cw' }, 'WRONG_PARTNER'],
    [
      'for an unknown customer',
      { ...creation, customer: { exists: false }, sealed: undefined },
      'CUSTOMER_NOT_FOUND',
    ],
    [
      'for a merged customer',
      { ...creation, customer: { exists: true, mergedInto: 'c-2' } },
      'CUSTOMER_MERGED',
    ],
    ['through a deactivated partner', { ...creation, partnerActive: false }, 'PARTNER_INACTIVE'],
  ])('refuses a plan %s', (_name, payload, expected) => {
    given(decideCreatePlan).given([]).when(payload, fep).thenThrows(code(expected));
  });

  it('refuses to create the same plan twice', () => {
    given(decideCreatePlan).given([created]).when(creation, fep).thenThrows(code('PLAN_EXISTS'));
  });
});

describe('plan decider: the rest of the plan’s life', () => {
  const assignee = { exists: true, active: true, partnerId: 'w2' };
  const commands: [string, Decide<never, PlanEvent, PlanState>, object][] = [
    ['set goals', decideSetPlanGoals, { goals: sealed }],
    ['reassign', decideReassignPlan, { accountId: 'fep-2', assignee }],
    [
      'assign an activity',
      decideAssignActivity,
      { ...activity.data, activityId: 'act-2', ...facts, providerActive: true },
    ],
    [
      'change an activity',
      decideChangeActivity,
      { activityId: 'act-1', changes: { weeklyHours: 10 }, ...facts },
    ],
    ['end an activity', decideEndActivity, { activityId: 'act-1', endDate: '2026-04-30', reason: sealed }],
    [
      'create an action item',
      decideCreateActionItem,
      { itemId: 'item-2', assignee: 'worker', description: sealed, dueDate: '2026-04-01' },
    ],
    ['complete an action item', decideCompleteActionItem, { itemId: 'item-1' }],
    ['sign', decideSignPlan, { signer: 'participant' }],
    ['review', decideReviewPlan, { notes: sealed, nextReviewDue: '2026-06-01' }],
    ['close', decideClosePlan, { reason: sealed }],
  ];

  it.each(commands)('lets only the plan’s partner %s, while the plan is open', (_name, decide, payload) => {
    const command = { ...ids, ...payload } as never;
    expect(given(decide).given([created, activity, item]).when(command, fep).events()).toHaveLength(1);
    given(decide).given([created, activity, item]).when(command, stranger).thenThrows(code('WRONG_PARTNER'));
    given(decide).given([created, activity, item, closed]).when(command, fep).thenThrows(code('PLAN_CLOSED'));
    given(decide)
      .given([])
      .when(command, fep)
      .thenThrows(expect.objectContaining({ status: 404 }));
  });

  it('sets the goals as they now stand', () => {
    given(decideSetPlanGoals)
      .given([created])
      .when({ ...ids, goals: sealed }, fep)
      .thenEmits([{ type: 'PlanGoalSet', data: { ...ids, goals: sealed } }]);
  });

  it('reassigns to an active worker of the same partner only, and not to whom it is already assigned', () => {
    const to = (over: object, accountId = 'fep-2') => ({
      ...ids,
      accountId,
      assignee: { ...assignee, ...over },
    });
    given(decideReassignPlan)
      .given([created])
      .when(to({}), fep)
      .thenEmits([{ type: 'PlanReassigned', data: { ...ids, accountId: 'fep-2' } }]);
    given(decideReassignPlan).given([created]).when(to({}, 'fep-1'), fep).thenEmits([]);
    given(decideReassignPlan)
      .given([created])
      .when(to({ partnerId: 'cw' }), fep)
      .thenThrows(code('ASSIGNEE_NOT_IN_PARTNER'));
    given(decideReassignPlan)
      .given([created])
      .when(to({ active: false }), fep)
      .thenThrows(code('ASSIGNEE_NOT_IN_PARTNER'));
    given(decideReassignPlan)
      .given([created])
      .when(to({ exists: false }), fep)
      .thenThrows(code('ACCOUNT_NOT_FOUND'));
    const state = plans.evolve(plans.evolve(plans.initialState(), created), {
      type: 'PlanReassigned',
      data: { ...ids, accountId: 'fep-2' },
    });
    expect(state).toMatchObject({ createdBy: 'fep-1', assignedTo: 'fep-2' });
  });

  it('creates action items once each, and completes a known one once', () => {
    const { data } = item as Extract<PlanEvent, { type: 'ActionItemCreated' }>;
    given(decideCreateActionItem).given([created]).when(data, fep).thenEmits([item]);
    given(decideCreateActionItem)
      .given([created, item])
      .when(data, fep)
      .thenThrows(code('ACTION_ITEM_EXISTS'));
    const completed: PlanEvent = { type: 'ActionItemCompleted', data: { ...ids, itemId: 'item-1' } };
    given(decideCompleteActionItem)
      .given([created, item])
      .when({ ...ids, itemId: 'item-1' }, fep)
      .thenEmits([completed]);
    given(decideCompleteActionItem)
      .given([created, item, completed])
      .when({ ...ids, itemId: 'item-1' }, fep)
      .thenEmits([]);
    given(decideCompleteActionItem)
      .given([created, item])
      .when({ ...ids, itemId: 'item-9' }, fep)
      .thenThrows(expect.objectContaining({ code: 'NOT_FOUND', status: 404 }));
  });

  it('keeps every signature, reviews with the next due date, and closes once', () => {
    const signed: PlanEvent = { type: 'PlanSigned', data: { ...ids, signer: 'participant' } };
    given(decideSignPlan)
      .given([created, signed])
      .when({ ...ids, signer: 'participant' }, fep)
      .thenEmits([signed]);
    const reviewed: PlanEvent = {
      type: 'PlanReviewed',
      data: { ...ids, notes: sealed, nextReviewDue: '2026-06-01' },
    };
    given(decideReviewPlan)
      .given([created])
      .when({ ...ids, notes: sealed, nextReviewDue: '2026-06-01' }, fep)
      .thenEmits([reviewed]);
    given(decideClosePlan)
      .given([created])
      .when({ ...ids, reason: sealed }, fep)
      .thenEmits([closed]);
    const state = [created, signed, reviewed, closed].reduce(plans.evolve, plans.initialState());
    expect(state).toMatchObject({ signatures: ['participant'], nextReviewDue: '2026-06-01', closed: true });
  });
});
