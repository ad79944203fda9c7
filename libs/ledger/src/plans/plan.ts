import type { Sealed } from '@ledger/security';
import type { ConflictingActivity } from './plan-conflicts';

/** What the conflict rule reads of an activity: its type, who provides it, when, and for how many hours. */
export interface ActivitySchedule {
  type: string;
  providerPartnerId: string;
  /** Plain local dates, both inclusive. */
  startDate: string;
  endDate: string;
  weeklyHours: number;
}

/** An acknowledged conflict: the worker's reason (free text about the customer) and what it acknowledged. */
export interface ConflictAcknowledgement {
  reason: Sealed;
  conflicts: ConflictingActivity[];
  peakWeeklyHours: number;
}

type Ids = { planId: string; customerId: string };

export type PlanEvent =
  | {
      type: 'PlanCreated';
      data: Ids & {
        partnerId: string;
        kind: string;
        goals: Sealed;
        customerParticipation: { present: boolean; customerGoals?: Sealed };
        createdBy: string;
      };
    }
  | { type: 'PlanGoalSet'; data: Ids & { goals: Sealed } }
  | { type: 'PlanReassigned'; data: Ids & { accountId: string } }
  | {
      type: 'PlanActivityAssigned';
      data: Ids & ActivitySchedule & { activityId: string; acknowledgedConflicts?: ConflictAcknowledgement };
    }
  | {
      type: 'PlanActivityChanged';
      data: Ids & {
        activityId: string;
        changes: Partial<ActivitySchedule>;
        acknowledgedConflicts?: ConflictAcknowledgement;
      };
    }
  | { type: 'PlanActivityEnded'; data: Ids & { activityId: string; endDate: string; reason: Sealed } }
  | {
      type: 'ActionItemCreated';
      data: Ids & { itemId: string; assignee: string; description: Sealed; dueDate: string };
    }
  | { type: 'ActionItemCompleted'; data: Ids & { itemId: string } }
  | { type: 'PlanSigned'; data: Ids & { signer: string } }
  | { type: 'PlanReviewed'; data: Ids & { notes: Sealed; nextReviewDue: string } }
  | { type: 'PlanClosed'; data: Ids & { reason: Sealed } };

export interface ActivityState extends ActivitySchedule {
  activityId: string;
  ended: boolean;
}

export interface ActionItemState {
  itemId: string;
  assignee: string;
  dueDate: string;
  completed: boolean;
}

/** The plan as projected; its goals, the customer's words, descriptions and notes stay sealed in the events. */
export interface PlanState {
  exists: boolean;
  planId?: string;
  customerId?: string;
  partnerId?: string;
  kind?: string;
  customerPresent?: boolean;
  createdBy?: string;
  assignedTo?: string;
  closed: boolean;
  activities: Record<string, ActivityState>;
  actionItems: Record<string, ActionItemState>;
  signatures: string[];
  nextReviewDue?: string;
}

export const planStream = (planId: string) => `plan-${planId}`;

const withActivity = (state: PlanState, activityId: string, change: Partial<ActivityState>): PlanState => ({
  ...state,
  activities: { ...state.activities, [activityId]: { ...state.activities[activityId], ...change } },
});

export const plans = {
  initialState: (): PlanState => ({
    exists: false,
    closed: false,
    activities: {},
    actionItems: {},
    signatures: [],
  }),
  evolve(state: PlanState, event: PlanEvent): PlanState {
    switch (event.type) {
      case 'PlanCreated': {
        const { planId, customerId, partnerId, kind, customerParticipation, createdBy } = event.data;
        const customerPresent = customerParticipation.present;
        return {
          ...state,
          exists: true,
          planId,
          customerId,
          partnerId,
          kind,
          customerPresent,
          createdBy,
          assignedTo: createdBy,
        };
      }
      case 'PlanGoalSet':
        return state;
      case 'PlanReassigned':
        return { ...state, assignedTo: event.data.accountId };
      case 'PlanActivityAssigned': {
        const { activityId, type, providerPartnerId, startDate, endDate, weeklyHours } = event.data;
        const activity = {
          activityId,
          type,
          providerPartnerId,
          startDate,
          endDate,
          weeklyHours,
          ended: false,
        };
        return withActivity(state, activityId, activity);
      }
      case 'PlanActivityChanged':
        return withActivity(state, event.data.activityId, event.data.changes);
      case 'PlanActivityEnded':
        return withActivity(state, event.data.activityId, { endDate: event.data.endDate, ended: true });
      case 'ActionItemCreated': {
        const { itemId, assignee, dueDate } = event.data;
        const item = { itemId, assignee, dueDate, completed: false };
        return { ...state, actionItems: { ...state.actionItems, [itemId]: item } };
      }
      case 'ActionItemCompleted': {
        const item = { ...state.actionItems[event.data.itemId], completed: true };
        return { ...state, actionItems: { ...state.actionItems, [event.data.itemId]: item } };
      }
      case 'PlanSigned':
        return { ...state, signatures: [...state.signatures, event.data.signer] };
      case 'PlanReviewed':
        return { ...state, nextReviewDue: event.data.nextReviewDue };
      case 'PlanClosed':
        return { ...state, closed: true };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};
