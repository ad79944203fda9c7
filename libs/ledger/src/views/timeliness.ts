import type { ReadDatabase } from '@ledger/event-sourcing';
import { addDays, localDateOf } from './calendar/local-date';
import { addWorkingDays, elapsedCalendarDays, elapsedWorkingDays } from './calendar/working-days';
import type { CaseRow, CaseworkTables, PlanRow } from './casework';
import type { ReferralBoardTables, ReferralRow } from './referral-board';
import { percentile, type ReportFilter, share, today, type ViewTime, withinDates } from './shared/view-time';

/**
 * The timeliness standards (api.md "Case steps"). Counting starts the day after the earlier step (day 1);
 * working days skip weekends and the holiday calendar; every time is taken as a local date in the
 * ledger's time zone, and the later step is on time when it falls on or before the last day allowed.
 */
export const STANDARDS = {
  w2Interview: { standard: 'w2-interview-5-working-days', days: 5, working: true },
  w2Eligibility: { standard: 'w2-eligibility-7-working-days', days: 7, working: true },
  wioaEligibility: { standard: 'wioa-eligibility-30-days', days: 30, working: false },
  wioaEnrollment: { standard: 'wioa-enrollment-45-days', days: 45, working: false },
  // No document sets this one; five working days, like the W-2 interview, until agencies agree another.
  referralAcceptance: { standard: 'referral-acceptance-5-working-days', days: 5, working: true },
} as const;
type Standard = (typeof STANDARDS)[keyof typeof STANDARDS];

export const W2_PROGRAMS: readonly string[] = ['w2'];
export const WIOA_PROGRAMS: readonly string[] = ['wioa-adult', 'wioa-dislocated-worker', 'wioa-youth'];

/** One step measured against one standard. `end` is the later step; without it, `waiting` says it is still due. */
export interface Measure {
  standard: Standard;
  start: string;
  end?: string;
  /** Still due: the case sits at the earlier step (or left the program from there, on `stoppedOn`). */
  waiting: boolean;
  stoppedOn?: string;
}

export function deadlineOf(measure: Measure, time: ViewTime): string {
  const { days, working } = measure.standard;
  return working ? addWorkingDays(measure.start, days, time.calendar) : addDays(measure.start, days);
}

/** The measures a case is subject to, by program: W-2 in working days, WIOA in calendar days. */
export function caseMeasures(row: CaseRow, time: ViewTime): Measure[] {
  const local = (at: string | null) => (at ? localDateOf(at, time.timeZone) : undefined);
  const [received, interview, decided, enrolled] = [
    row.received_at,
    row.interview_at,
    row.decided_at,
    row.enrolled_at,
  ].map(local);
  const stoppedOn = local(row.exited_at);
  const open = row.step !== 'exited';
  const measures: Measure[] = [];
  const add = (standard: Standard, start: string | undefined, end: string | undefined, due: boolean) => {
    if (start)
      measures.push({ standard, start, end, waiting: !end && due && (open || !!stoppedOn), stoppedOn });
  };
  if (W2_PROGRAMS.includes(row.program)) {
    // A decision made without an interview leaves nothing to measure the interview by.
    add(STANDARDS.w2Interview, received, interview, !decided);
    add(STANDARDS.w2Eligibility, interview, decided, true);
  } else if (WIOA_PROGRAMS.includes(row.program)) {
    add(STANDARDS.wioaEligibility, received, decided, true);
    if (Number(row.eligible) === 1) add(STANDARDS.wioaEnrollment, decided, enrolled, true);
  }
  return measures;
}

/** The next deadline of an open case: the last day allowed for the step it waits on; null when none applies. */
export function nextDeadline(row: CaseRow, time: ViewTime): string | null {
  if (row.step === 'exited' || row.step === 'ineligible') return null;
  const due = caseMeasures(row, time).find((m) => m.waiting);
  return due ? deadlineOf(due, time) : null;
}

interface Outcome {
  days?: number;
  onTime: boolean;
  overdueOpen: boolean;
}

/** Measured when the later step happened, or when its deadline passed while it was still due; else undefined. */
export function judge(measure: Measure, time: ViewTime): Outcome | undefined {
  const { days, working } = measure.standard;
  if (measure.end) {
    const took = working
      ? elapsedWorkingDays(measure.start, measure.end, time.calendar)
      : elapsedCalendarDays(measure.start, measure.end);
    return { days: took, onTime: took <= days, overdueOpen: false };
  }
  if (!measure.waiting) return undefined;
  const stop = measure.stoppedOn ?? today(time);
  return stop > deadlineOf(measure, time) ? { onTime: false, overdueOpen: true } : undefined;
}

export interface TimelinessLine {
  standard: string;
  partnerId: string;
  program: string | null;
  /** Steps taken, plus steps still due past their deadline (counted late). */
  measured: number;
  onTime: number;
  share: number | null;
  /** Percentiles of the days the steps taken took (steps still due are not in them). */
  p50Days: number | null;
  p90Days: number | null;
  /** Steps still due, or abandoned by an exit, after their deadline. */
  overdueOpen: number;
}

/**
 * GET /reports/timeliness: per standard, partner and program. The dates filter the earlier step (the
 * application, the interview, the decision, the referral, the plan's creation).
 */
export async function timelinessReport(
  database: ReadDatabase,
  filter: ReportFilter,
  time: ViewTime,
): Promise<{ standards: TimelinessLine[] }> {
  const db = database.tables<CaseworkTables & ReferralBoardTables>();
  let cases = db.selectFrom('casework_cases').selectAll();
  if (filter.partnerId) cases = cases.where('partner_id', '=', filter.partnerId);
  if (filter.program) cases = cases.where('program', '=', filter.program);
  const lines = new Lines();
  for (const row of await cases.execute()) {
    for (const measure of caseMeasures(row, time))
      lines.add(measure, row.partner_id, row.program, filter, time);
  }
  if (!filter.program) {
    let referrals = db.selectFrom('referral_board').selectAll();
    if (filter.partnerId) referrals = referrals.where('to_partner_id', '=', filter.partnerId);
    for (const row of await referrals.execute()) {
      const measure = referralMeasure(row, time);
      if (measure) lines.add(measure, row.to_partner_id, null, filter, time);
    }
    let plans = db.selectFrom('casework_plans').selectAll();
    if (filter.partnerId) plans = plans.where('partner_id', '=', filter.partnerId);
    lines.participation(await plans.execute(), filter, time);
  }
  return { standards: lines.result() };
}

/** Referral to acceptance, measured for the receiving partner; rejected and cancelled ones are not due. */
function referralMeasure(row: ReferralRow, time: ViewTime): Measure | undefined {
  const local = (at: string | null) => (at ? localDateOf(at, time.timeZone) : undefined);
  return {
    standard: STANDARDS.referralAcceptance,
    start: local(row.made_at)!,
    end: local(row.accepted_at),
    waiting: row.status === 'requested',
  };
}

class Lines {
  private readonly lines = new Map<string, TimelinessLine & { took: number[] }>();

  private line(standard: string, partnerId: string, program: string | null) {
    const key = `${standard} ${partnerId} ${program}`;
    let line = this.lines.get(key);
    if (!line) {
      line = {
        standard,
        partnerId,
        program,
        measured: 0,
        onTime: 0,
        share: null,
        p50Days: null,
        p90Days: null,
        overdueOpen: 0,
        took: [],
      };
      this.lines.set(key, line);
    }
    return line;
  }

  add(measure: Measure, partnerId: string, program: string | null, filter: ReportFilter, time: ViewTime) {
    if (!withinDates(measure.start, filter)) return;
    const outcome = judge(measure, time);
    if (!outcome) return;
    const line = this.line(measure.standard.standard, partnerId, program);
    line.measured++;
    if (outcome.onTime) line.onTime++;
    if (outcome.overdueOpen) line.overdueOpen++;
    if (outcome.days !== undefined) line.took.push(outcome.days);
  }

  /** domain.md "timeliness": the share of plans made with the customer taking part (unrecorded: not). */
  participation(plans: readonly PlanRow[], filter: ReportFilter, time: ViewTime) {
    for (const plan of plans) {
      if (!withinDates(localDateOf(plan.created_at, time.timeZone), filter)) continue;
      const line = this.line('plan-customer-participation', plan.partner_id, null);
      line.measured++;
      if (Number(plan.customer_present) === 1) line.onTime++;
    }
  }

  result(): TimelinessLine[] {
    return [...this.lines.values()]
      .map(({ took, ...line }) => {
        const sorted = took.sort((a, b) => a - b);
        return {
          ...line,
          share: share(line.onTime, line.measured),
          p50Days: percentile(sorted, 50),
          p90Days: percentile(sorted, 90),
        };
      })
      .sort((a, b) =>
        `${a.standard} ${a.partnerId} ${a.program}`.localeCompare(
          `${b.standard} ${b.partnerId} ${b.program}`,
        ),
      );
  }
}
