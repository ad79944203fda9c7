import type { DomainEvent } from '@ledger/event-sourcing';
import { readAssignee } from '../cases/case.handlers';
import { customerStream, customers } from '../customers/customer';
import { readPartner } from '../partners/read-partner';
import type { Decide } from '../shared/execute';
import type { LedgerCommand } from '../shared/ledger-command';
import { readState } from '../shared/read-state';
import { type Preparation, recordHandler } from '../shared/record-handler';
import { AssignActivity, decideAssignActivity } from './assign-activity/assign-activity.command';
import { ChangeActivity, decideChangeActivity } from './change-activity/change-activity.command';
import { ClosePlan, decideClosePlan } from './close-plan/close-plan.command';
import {
  CompleteActionItem,
  decideCompleteActionItem,
} from './complete-action-item/complete-action-item.command';
import { CreateActionItem, decideCreateActionItem } from './create-action-item/create-action-item.command';
import { CreatePlan, decideCreatePlan } from './create-plan/create-plan.command';
import { decideEndActivity, EndActivity } from './end-activity/end-activity.command';
import { type PlanEvent, type PlanState, planStream, plans } from './plan';
import { openActivities } from './plan-conflicts';
import { decideReassignPlan, ReassignPlan } from './reassign-plan/reassign-plan.command';
import { decideReviewPlan, ReviewPlan } from './review-plan/review-plan.command';
import { decideSetPlanGoals, SetPlanGoals } from './set-plan-goals/set-plan-goals.command';
import { decideSignPlan, SignPlan } from './sign-plan/sign-plan.command';

function onPlan<P extends { planId: string }, D>(
  command: new (...args: never[]) => LedgerCommand<P>,
  prepare: (payload: P, with_: Preparation<PlanState>) => Promise<D>,
  decide: Decide<D, PlanEvent, PlanState>,
  answer: (payload: P) => { id: string; [subResourceId: string]: unknown } = (p) => ({ id: p.planId }),
) {
  return recordHandler<P, D, PlanEvent & DomainEvent, PlanState>({
    command,
    stream: (p) => planStream(p.planId),
    category: plans,
    customerOf: (p, state) => state.customerId ?? (p as { customerId?: string }).customerId,
    prepare,
    decide,
    answer,
  });
}

const asIs = async <P>(payload: P) => payload;

const partnerIsActive = async (with_: Preparation<unknown>, partnerId: string) => {
  const partner = await readPartner(with_.store, partnerId);
  return partner.exists && partner.active;
};

/**
 * The customer's open activities across partners, read from the file while this customer's commands wait
 * their turn, so two plans cannot each take the last free hours at once.
 */
const conflictFacts = (with_: Preparation<unknown>) => ({
  scheduled: openActivities(with_.file.plans.values()),
  weeklyHoursLimit: with_.settings.weeklyHoursLimit,
});

const sealedReason = async (with_: Preparation<unknown>, acknowledged?: { reason: string }) =>
  acknowledged ? { acknowledgedReason: await with_.seal(acknowledged.reason) } : {};

export const planHandlers = [
  onPlan(
    CreatePlan,
    async ({ goals, customerParticipation: { present, customerGoals }, ...p }, with_) => {
      const customer = await readState(with_.store, customerStream(p.customerId), customers);
      const sealed = customer.exists && {
        goals: await with_.seal(goals),
        customerParticipation: {
          present,
          ...(customerGoals === undefined ? {} : { customerGoals: await with_.seal(customerGoals) }),
        },
      };
      const partnerActive = await partnerIsActive(with_, p.partnerId);
      return { ...p, ...(sealed ? { sealed } : {}), customer, partnerActive };
    },
    decideCreatePlan,
  ),
  onPlan(SetPlanGoals, async (p, { seal }) => ({ ...p, goals: await seal(p.goals) }), decideSetPlanGoals),
  onPlan(
    ReassignPlan,
    async (p, with_) => ({ ...p, assignee: await readAssignee(with_, p.accountId) }),
    decideReassignPlan,
  ),
  onPlan(
    AssignActivity,
    async ({ acknowledgedConflicts, ...p }, with_) => ({
      ...p,
      ...conflictFacts(with_),
      ...(await sealedReason(with_, acknowledgedConflicts)),
      providerActive: await partnerIsActive(with_, p.providerPartnerId),
    }),
    decideAssignActivity,
    (p) => ({ id: p.planId, activityId: p.activityId }),
  ),
  onPlan(
    ChangeActivity,
    async ({ acknowledgedConflicts, ...p }, with_) => ({
      ...p,
      ...conflictFacts(with_),
      ...(await sealedReason(with_, acknowledgedConflicts)),
      ...(p.changes.providerPartnerId === undefined
        ? {}
        : { providerActive: await partnerIsActive(with_, p.changes.providerPartnerId) }),
    }),
    decideChangeActivity,
  ),
  onPlan(EndActivity, async (p, { seal }) => ({ ...p, reason: await seal(p.reason) }), decideEndActivity),
  onPlan(
    CreateActionItem,
    async (p, { seal }) => ({ ...p, description: await seal(p.description) }),
    decideCreateActionItem,
    (p) => ({ id: p.planId, itemId: p.itemId }),
  ),
  onPlan(CompleteActionItem, asIs, decideCompleteActionItem),
  onPlan(SignPlan, asIs, decideSignPlan),
  onPlan(ReviewPlan, async (p, { seal }) => ({ ...p, notes: await seal(p.notes) }), decideReviewPlan),
  onPlan(ClosePlan, async (p, { seal }) => ({ ...p, reason: await seal(p.reason) }), decideClosePlan),
];
