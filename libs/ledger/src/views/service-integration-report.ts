import type { ReadDatabase } from '@ledger/event-sourcing';
import { localDateOf } from './calendar/local-date';
import type { CaseworkTables } from './casework';
import { referralRows } from './referral-board';
import type { ServiceIntegrationTables, SiAssessmentRow } from './service-integration';
import { Survivors } from './shared/survivors';
import { instantRange, type ReportFilter, share, withinDates } from './shared/view-time';

export interface ServiceIntegrationFigures {
  customers: number;
  singleCommonIntakeShare: number | null;
  assessmentsReused: number;
  assessmentsRepeated: number;
  referralCompletionRate: number | null;
  loopsClosedShare: number | null;
  plansWithCustomerParticipationShare: number | null;
  feedbackReceived: number;
  complaintsReceived: number;
  appealRightsExplained: number;
}

const DAY_MS = 86_400_000;

/**
 * GET /reports/service-integration: the Illinois policy's functions the ledger can measure. Filters:
 * `partnerId` keeps what that partner did or received (customers it serves, shares it received, repeats
 * it recorded, referrals either side, its plans and the voice records given to it); `program` keeps the
 * customers with a case in that program and everything about them (appeal rights: that program's);
 * `from`/`to` keep records by their own date (registration, share, recording, referral, plan creation).
 */
export async function serviceIntegrationReport(
  database: ReadDatabase,
  filter: ReportFilter,
  settings: { timeZone: string; assessmentReuseDays: number },
): Promise<ServiceIntegrationFigures> {
  const db = database.tables<ServiceIntegrationTables & CaseworkTables>();
  const range = instantRange(filter, settings.timeZone);
  const inRange = (at: string) => (!range.from || at >= range.from) && (!range.to || at < range.to);
  const [customers, assessments, records, cases, plans, referrals] = await Promise.all([
    db.selectFrom('si_customers').selectAll().execute(),
    db.selectFrom('si_assessments').selectAll().execute(),
    db.selectFrom('si_records').selectAll().execute(),
    db.selectFrom('casework_cases').select(['customer_id', 'partner_id', 'program']).execute(),
    db
      .selectFrom('casework_plans')
      .select(['customer_id', 'partner_id', 'created_at', 'customer_present'])
      .execute(),
    referralRows(database, {}),
  ]);
  const survivors = Survivors.of(customers);
  const survivorOf = (id: string) => survivors.of(id);
  const inProgram = filter.program
    ? new Set(cases.filter((c) => c.program === filter.program).map((c) => survivorOf(c.customer_id)))
    : undefined;
  const about = (customerId: string) => !inProgram || inProgram.has(survivorOf(customerId));
  const byPartner = (partnerId: string | null) => !filter.partnerId || partnerId === filter.partnerId;

  // A partner serves a customer when it registered them or has a case, an assessment, a plan, a
  // child-welfare involvement, or a referral to or from them that is not cancelled or rejected (security.md).
  const partners = new Map<string, Set<string>>();
  const serves = (customerId: string, ...partnerIds: (string | null)[]) => {
    const id = survivorOf(customerId);
    if (!partners.has(id)) partners.set(id, new Set());
    for (const partnerId of partnerIds) if (partnerId) partners.get(id)!.add(partnerId);
  };
  for (const row of customers) serves(row.customer_id, row.registered_partner);
  for (const row of [...assessments, ...cases, ...plans]) serves(row.customer_id, row.partner_id);
  for (const row of records) if (row.kind === 'involvement') serves(row.customer_id, row.partner_id);
  for (const row of referrals)
    if (row.status !== 'cancelled' && row.status !== 'rejected')
      serves(row.customer_id, row.from_partner_id, row.to_partner_id);
  const registrations = new Map<string, number>();
  for (const row of customers) {
    const id = survivorOf(row.customer_id);
    registrations.set(id, (registrations.get(id) ?? 0) + 1);
  }

  // Single common intake: of the customers more than one partner serves, the share registered only once,
  // i.e. no second registration of the same person was later merged into theirs (domain.md "clearance").
  let counted = 0;
  let sharedByPartners = 0;
  let registeredOnce = 0;
  for (const row of customers) {
    const id = row.customer_id;
    if (row.merged_into !== null || !inRange(row.registered_at) || !about(id)) continue;
    const servedBy = partners.get(id) ?? new Set();
    if (filter.partnerId && !servedBy.has(filter.partnerId)) continue;
    counted++;
    if (servedBy.size > 1) {
      sharedByPartners++;
      if (registrations.get(id) === 1) registeredOnce++;
    }
  }

  const made = referrals.filter(
    (r) =>
      inRange(r.made_at) &&
      about(r.customer_id) &&
      (byPartner(r.from_partner_id) || byPartner(r.to_partner_id)),
  );
  const ended = made.filter((r) => ['completed', 'failed', 'rejected'].includes(r.status));
  const madePlans = plans.filter(
    (p) => inRange(p.created_at) && about(p.customer_id) && byPartner(p.partner_id),
  );
  const voice = (kind: string) =>
    records.filter(
      (r) =>
        r.kind === kind &&
        inRange(r.at) &&
        about(r.customer_id) &&
        byPartner(r.partner_id) &&
        (kind !== 'appeal-rights' || !filter.program || r.program === filter.program),
    ).length;
  const repeats = repeatedAssessments(assessments, settings.assessmentReuseDays, survivorOf).filter(
    (a) =>
      withinDates(localDateOf(a.recorded_at, settings.timeZone), filter) &&
      about(a.customer_id) &&
      byPartner(a.partner_id),
  );
  return {
    customers: counted,
    singleCommonIntakeShare: share(registeredOnce, sharedByPartners),
    assessmentsReused: voice('assessment-share'),
    assessmentsRepeated: repeats.length,
    // Of the referrals that ended other than by the sender cancelling, the share where the customer got help.
    referralCompletionRate: share(ended.filter((r) => r.status === 'completed').length, ended.length),
    loopsClosedShare: share(ended.filter((r) => r.closed_at !== null).length, ended.length),
    plansWithCustomerParticipationShare: share(
      madePlans.filter((p) => Number(p.customer_present) === 1).length,
      madePlans.length,
    ),
    feedbackReceived: voice('feedback'),
    complaintsReceived: voice('complaint'),
    appealRightsExplained: voice('appeal-rights'),
  };
}

/** Recorded earlier: by the ledger's clock, then (one group commit shares its time) by id, so one of two counts. */
const before = (a: SiAssessmentRow, b: SiAssessmentRow) =>
  a.recorded_at < b.recorded_at || (a.recorded_at === b.recorded_at && a.assessment_id < b.assessment_id);

/**
 * The write side's DUPLICATE_ASSESSMENT rule, replayed: an assessment is a repeat when another partner had
 * recorded one of the same kind for the same customer before it, not superseded by then, performed within
 * the reuse window of it. A merged duplicate's assessments count as its survivor's (`survivorOf`).
 */
export function repeatedAssessments(
  rows: readonly SiAssessmentRow[],
  reuseDays: number,
  survivorOf: (customerId: string) => string = (id) => id,
): SiAssessmentRow[] {
  const groups = new Map<string, SiAssessmentRow[]>();
  for (const row of rows) {
    const key = `${survivorOf(row.customer_id)} ${row.kind}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(row);
  }
  const repeats: SiAssessmentRow[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const row of group) {
      const at = Date.parse(row.performed_at ?? row.recorded_at);
      const repeated = group.some(
        (earlier) =>
          before(earlier, row) &&
          earlier.partner_id !== row.partner_id &&
          (earlier.superseded_at === null || earlier.superseded_at > row.recorded_at) &&
          Math.abs(Date.parse(earlier.performed_at ?? earlier.recorded_at) - at) <= reuseDays * DAY_MS,
      );
      if (repeated) repeats.push(row);
    }
  }
  return repeats;
}
