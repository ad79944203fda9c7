import { defineProjection, type RecordedEvent } from '@ledger/event-sourcing';
import { BatchRows } from './shared/batch-rows';
import { actorOf, fieldsOf, instant, occurredAt, plainDate, streamId, text } from './shared/event-fields';

/**
 * Casework: every case with the times of its steps (as corrected), every plan with its review date and
 * how the customer took part, and the plans' action items. The caseload and timeliness views read it.
 */
export type CaseRow = {
  case_id: string;
  customer_id: string;
  partner_id: string;
  program: string;
  assigned_to: string | null;
  /** applied, interview-scheduled, eligible, ineligible, enrolled or exited. */
  step: string;
  received_at: string | null;
  /** The latest interview scheduled (a reschedule replaces it). */
  interview_at: string | null;
  decided_at: string | null;
  /** 1 eligible, 0 not, null undecided. */
  eligible: number | null;
  enrolled_at: string | null;
  exited_at: string | null;
  /**
   * The interview event in effect, so that a CaseStepCorrected of an interview since rescheduled changes
   * nothing. The other steps happen once per case: their field alone says which event a correction names.
   */
  interview_event: string | null;
};

export type PlanRow = {
  plan_id: string;
  customer_id: string;
  partner_id: string;
  kind: string | null;
  assigned_to: string | null;
  status: 'open' | 'closed';
  created_at: string;
  next_review_due: string | null;
  /** 1 when the customer took part in creating it, 0 when not, null when not recorded. */
  customer_present: number | null;
  closed_at: string | null;
};

export type ActionItemRow = {
  item_id: string;
  plan_id: string;
  assignee: string | null;
  due_date: string | null;
  completed: number;
};

export type CaseworkTables = {
  casework_cases: CaseRow;
  casework_plans: PlanRow;
  casework_action_items: ActionItemRow;
};

export const OPEN_STEPS = ['applied', 'interview-scheduled', 'eligible', 'enrolled'] as const;

/** CaseStepCorrected's field → the column it corrects (the write side checked the event has that field). */
const CORRECTABLE: Record<string, keyof CaseRow> = {
  receivedAt: 'received_at',
  scheduledFor: 'interview_at',
  decidedAt: 'decided_at',
  enrolledAt: 'enrolled_at',
  exitedAt: 'exited_at',
};

const CASE_EVENTS = [
  'ApplicationReceived',
  'InterviewScheduled',
  'EligibilityDetermined',
  'Enrolled',
  'ProgramExited',
  'CaseReassigned',
  'CaseStepCorrected',
];
const PLAN_EVENTS = ['PlanCreated', 'PlanReviewed', 'PlanReassigned', 'PlanClosed'];
const ITEM_EVENTS = ['ActionItemCreated', 'ActionItemCompleted'];

export const caseworkProjection = defineProjection<CaseworkTables>({
  name: 'casework',
  version: 1,
  handles: [...CASE_EVENTS, ...PLAN_EVENTS, ...ITEM_EVENTS],
  tables: {
    casework_cases: (t) =>
      t
        .addColumn('case_id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('partner_id', 'text', (c) => c.notNull())
        .addColumn('program', 'text', (c) => c.notNull())
        .addColumn('assigned_to', 'text')
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text')
        .addColumn('interview_at', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('eligible', 'integer')
        .addColumn('enrolled_at', 'text')
        .addColumn('exited_at', 'text')
        .addColumn('interview_event', 'text'),
    casework_plans: (t) =>
      t
        .addColumn('plan_id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('partner_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text')
        .addColumn('assigned_to', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('next_review_due', 'text')
        .addColumn('customer_present', 'integer')
        .addColumn('closed_at', 'text'),
    casework_action_items: (t) =>
      t
        .addColumn('item_id', 'text', (c) => c.primaryKey())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('assignee', 'text')
        .addColumn('due_date', 'text')
        .addColumn('completed', 'integer', (c) => c.notNull()),
  },
  indexes: [
    { table: 'casework_cases', columns: ['partner_id'] },
    { table: 'casework_plans', columns: ['partner_id'] },
    { table: 'casework_action_items', columns: ['plan_id'] },
  ],
  async apply(events, trx, context) {
    const cases = new BatchRows<CaseRow>('casework_cases', 'case_id');
    const plans = new BatchRows<PlanRow>('casework_plans', 'plan_id');
    const items = new BatchRows<ActionItemRow>('casework_action_items', 'item_id');
    // Only a correction must see its case (which interview is in effect); every other event sets columns.
    const created = new Set<string>();
    for (const event of events) {
      if (event.type === 'ApplicationReceived') created.add(idOf(event, 'caseId'));
      if (event.type === 'CaseStepCorrected' && !created.has(idOf(event, 'caseId')))
        cases.want(idOf(event, 'caseId'));
    }
    await cases.load(trx);
    for (const event of events) {
      if (CASE_EVENTS.includes(event.type)) foldCase(cases, event);
      else foldPlan(plans, items, event);
    }
    await cases.save(trx, context);
    await plans.save(trx, context);
    await items.save(trx, context);
  },
});

const idOf = (event: RecordedEvent, field: string) => text(fieldsOf(event)[field]) ?? streamId(event);

function foldCase(cases: BatchRows<CaseRow>, event: RecordedEvent): void {
  const data = fieldsOf(event);
  const id = idOf(event, 'caseId');
  switch (event.type) {
    case 'ApplicationReceived':
      cases.put({
        case_id: id,
        customer_id: text(data.customerId) ?? '',
        partner_id: text(data.partnerId) ?? actorOf(event).partnerId ?? '',
        program: text(data.program) ?? '',
        assigned_to: text(data.assignedTo) ?? actorOf(event).accountId,
        step: 'applied',
        received_at: instant(data.receivedAt) ?? occurredAt(event),
        interview_at: null,
        decided_at: null,
        eligible: null,
        enrolled_at: null,
        exited_at: null,
        interview_event: null,
      });
      return;
    case 'InterviewScheduled':
      cases.update(id, {
        step: 'interview-scheduled',
        interview_at: instant(data.scheduledFor),
        interview_event: event.eventId,
      });
      return;
    case 'EligibilityDetermined': {
      const eligible = data.eligible === true;
      cases.update(id, {
        step: eligible ? 'eligible' : 'ineligible',
        eligible: eligible ? 1 : 0,
        decided_at: instant(data.decidedAt) ?? occurredAt(event),
      });
      return;
    }
    case 'Enrolled':
      cases.update(id, {
        step: 'enrolled',
        enrolled_at: instant(data.enrolledAt) ?? occurredAt(event),
      });
      return;
    case 'ProgramExited':
      cases.update(id, {
        step: 'exited',
        exited_at: instant(data.exitedAt) ?? occurredAt(event),
      });
      return;
    case 'CaseReassigned':
      cases.update(id, { assigned_to: text(data.accountId) });
      return;
    case 'CaseStepCorrected': {
      const row = cases.get(id);
      const target = CORRECTABLE[String(data.field)];
      const value = instant(data.value);
      const current = target !== 'interview_at' || row?.interview_event === data.eventId;
      if (row && target && value && current) cases.update(id, { [target]: value });
    }
  }
}

function foldPlan(plans: BatchRows<PlanRow>, items: BatchRows<ActionItemRow>, event: RecordedEvent): void {
  const data = fieldsOf(event);
  const planId = idOf(event, 'planId');
  switch (event.type) {
    case 'PlanCreated': {
      const participation = data.customerParticipation as { present?: unknown } | undefined;
      const present = participation?.present;
      plans.put({
        plan_id: planId,
        customer_id: text(data.customerId) ?? '',
        partner_id: text(data.partnerId) ?? actorOf(event).partnerId ?? '',
        kind: text(data.kind),
        assigned_to: text(data.createdBy) ?? text(data.assignedTo) ?? actorOf(event).accountId,
        status: 'open',
        created_at: occurredAt(event),
        next_review_due: plainDate(data.nextReviewDue),
        customer_present: typeof present === 'boolean' ? Number(present) : null,
        closed_at: null,
      });
      return;
    }
    case 'PlanReviewed':
      plans.update(planId, { next_review_due: plainDate(data.nextReviewDue) });
      return;
    case 'PlanReassigned':
      plans.update(planId, { assigned_to: text(data.accountId) });
      return;
    case 'PlanClosed':
      plans.update(planId, { status: 'closed', closed_at: occurredAt(event) });
      return;
    case 'ActionItemCreated': {
      const itemId = text(data.itemId);
      if (!itemId) return;
      items.put({
        item_id: itemId,
        plan_id: planId,
        assignee: text(data.assignee),
        due_date: plainDate(data.dueDate),
        completed: 0,
      });
      return;
    }
    case 'ActionItemCompleted':
      items.update(text(data.itemId), { completed: 1 });
  }
}
