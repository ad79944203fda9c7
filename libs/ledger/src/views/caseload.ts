import type { ReadDatabase } from '@ledger/event-sourcing';
import { addDays } from './calendar/local-date';
import { type CaseworkTables, OPEN_STEPS } from './casework';
import {
  ageInDays,
  CLOSABLE_REFERRAL,
  OPEN_REFERRAL,
  type ReferralBoardTables,
  type ReferralRow,
} from './referral-board';
import { Survivors } from './shared/survivors';
import { today, type ViewTime } from './shared/view-time';
import { nextDeadline } from './timeliness';

/** Plans whose next review falls within this many days (or has passed) are "due for review". */
export const REVIEW_HORIZON_DAYS = 30;

export interface CaseloadItems {
  cases: {
    caseId: string;
    customerId: string;
    customerName: string | null;
    program: string;
    step: string;
    nextDeadline: string | null;
  }[];
  referralsIn: CaseloadReferral[];
  referralsOut: CaseloadReferral[];
  plansDueForReview: { planId: string; customerId: string; nextReviewDue: string }[];
  actionItems: { planId: string; itemId: string; assignee: string | null; dueDate: string | null }[];
  overdue: { kind: 'case-step' | 'plan-review' | 'action-item'; id: string; dueDate: string }[];
}

/** api.md names `fromPartnerId` for referrals in; both sides are given, the other side being the one that matters out. */
export interface CaseloadReferral {
  referralId: string;
  customerId: string;
  fromPartnerId: string;
  toPartnerId: string;
  status: string;
  ageDays: number;
}

export type WorkerCaseload = { accountId: string } & CaseloadItems;
export interface PartnerCaseload {
  partnerId: string;
  workers: WorkerCaseload[];
  unassigned: CaseloadItems;
}

/**
 * A worker's caseload (domain.md): what is assigned to them (the creator, or for a received referral the
 * one who accepted it, until reassigned). Referrals in are open ones received; referrals out are open
 * ones sent, and ended ones whose outcome the sender has not yet acknowledged. `customerName` is null:
 * names are sealed in the events and the views never decrypt. A merged duplicate is named by its survivor.
 */
export async function workerCaseload(
  database: ReadDatabase,
  worker: { accountId: string; partnerId: string | null },
  time: ViewTime,
): Promise<WorkerCaseload> {
  const byWorker = await caseloads(database, worker.partnerId, time, worker.accountId);
  return { accountId: worker.accountId, ...(byWorker.get(worker.accountId) ?? emptyCaseload()) };
}

/** A partner's caseloads: the same per worker, plus what nobody is assigned (referrals not yet accepted). */
export async function partnerCaseload(
  database: ReadDatabase,
  partnerId: string,
  time: ViewTime,
): Promise<PartnerCaseload> {
  const byWorker = await caseloads(database, partnerId, time);
  const unassigned = byWorker.get(null) ?? emptyCaseload();
  byWorker.delete(null);
  const workers = [...byWorker.entries()]
    .map(([accountId, items]) => ({ accountId: accountId as string, ...items }))
    .sort((a, b) => a.accountId.localeCompare(b.accountId));
  return { partnerId, workers, unassigned };
}

const emptyCaseload = (): CaseloadItems => ({
  cases: [],
  referralsIn: [],
  referralsOut: [],
  plansDueForReview: [],
  actionItems: [],
  overdue: [],
});

async function caseloads(
  database: ReadDatabase,
  partnerId: string | null,
  time: ViewTime,
  worker?: string,
): Promise<Map<string | null, CaseloadItems>> {
  const db = database.tables<CaseworkTables & ReferralBoardTables>();
  const survivors = await Survivors.load(database);
  const day = today(time);
  const byWorker = new Map<string | null, CaseloadItems>();
  const of = (accountId: string | null) => {
    let items = byWorker.get(accountId);
    if (!items) {
      items = emptyCaseload();
      byWorker.set(accountId, items);
    }
    return items;
  };

  let cases = db.selectFrom('casework_cases').selectAll().where('step', 'in', OPEN_STEPS);
  cases = cases.where('partner_id', '=', partnerId ?? '');
  if (worker) cases = cases.where('assigned_to', '=', worker);
  for (const row of await cases.orderBy('received_at').orderBy('case_id').execute()) {
    const deadline = nextDeadline(row, time);
    const items = of(row.assigned_to);
    items.cases.push({
      caseId: row.case_id,
      customerId: survivors.of(row.customer_id),
      customerName: null,
      program: row.program,
      step: row.step,
      nextDeadline: deadline,
    });
    if (deadline && deadline < day)
      items.overdue.push({ kind: 'case-step', id: row.case_id, dueDate: deadline });
  }

  if (partnerId) {
    let incoming = db
      .selectFrom('referral_board')
      .selectAll()
      .where('to_partner_id', '=', partnerId)
      .where('status', 'in', OPEN_REFERRAL);
    if (worker) incoming = incoming.where('receiver_worker', '=', worker);
    for (const row of await incoming.orderBy('made_at').orderBy('referral_id').execute()) {
      of(row.receiver_worker).referralsIn.push(caseloadReferral(row, time.now, survivors));
    }
    let outgoing = db
      .selectFrom('referral_board')
      .selectAll()
      .where('from_partner_id', '=', partnerId)
      .where((eb) =>
        eb.or([
          eb('status', 'in', OPEN_REFERRAL),
          eb.and([eb('status', 'in', CLOSABLE_REFERRAL), eb('closed_at', 'is', null)]),
        ]),
      );
    if (worker) outgoing = outgoing.where('sender_worker', '=', worker);
    for (const row of await outgoing.orderBy('made_at').orderBy('referral_id').execute()) {
      of(row.sender_worker).referralsOut.push(caseloadReferral(row, time.now, survivors));
    }
  }

  let plans = db
    .selectFrom('casework_plans')
    .selectAll()
    .where('status', '=', 'open')
    .where('next_review_due', 'is not', null);
  plans = plans.where('partner_id', '=', partnerId ?? '');
  if (worker) plans = plans.where('assigned_to', '=', worker);
  const horizon = addDays(day, REVIEW_HORIZON_DAYS);
  for (const row of await plans.orderBy('next_review_due').orderBy('plan_id').execute()) {
    const due = row.next_review_due!;
    if (due > horizon) continue;
    const items = of(row.assigned_to);
    items.plansDueForReview.push({
      planId: row.plan_id,
      customerId: survivors.of(row.customer_id),
      nextReviewDue: due,
    });
    if (due < day) items.overdue.push({ kind: 'plan-review', id: row.plan_id, dueDate: due });
  }

  let actionItems = db
    .selectFrom('casework_action_items as i')
    .innerJoin('casework_plans as p', 'p.plan_id', 'i.plan_id')
    .select(['i.plan_id', 'i.item_id', 'i.assignee', 'i.due_date', 'p.assigned_to'])
    .where('p.status', '=', 'open')
    .where('i.completed', '=', 0);
  actionItems = actionItems.where('p.partner_id', '=', partnerId ?? '');
  if (worker) actionItems = actionItems.where('p.assigned_to', '=', worker);
  for (const row of await actionItems.orderBy('i.due_date').orderBy('i.item_id').execute()) {
    const items = of(row.assigned_to);
    items.actionItems.push({
      planId: row.plan_id,
      itemId: row.item_id,
      assignee: row.assignee,
      dueDate: row.due_date,
    });
    if (row.due_date && row.due_date < day)
      items.overdue.push({ kind: 'action-item', id: row.item_id, dueDate: row.due_date });
  }

  for (const items of byWorker.values()) {
    items.cases.sort((a, b) => (a.nextDeadline ?? '9999').localeCompare(b.nextDeadline ?? '9999'));
    items.overdue.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
  }
  return byWorker;
}

const caseloadReferral = (row: ReferralRow, now: Date, survivors: Survivors): CaseloadReferral => ({
  referralId: row.referral_id,
  customerId: survivors.of(row.customer_id),
  fromPartnerId: row.from_partner_id,
  toPartnerId: row.to_partner_id,
  status: row.status,
  ageDays: ageInDays(row.made_at, now),
});
