import { ledgerViews } from './ledger-views';

export * from './calendar/holiday-calendar';
export {
  addDays,
  dayNumber,
  isLocalDate,
  localDateOf,
  startOfLocalDay,
  weekday,
} from './calendar/local-date';
export { federalHolidays } from './calendar/us-federal-holidays';
export * from './calendar/working-days';
export * from './caseload';
export * from './casework';
export { ledgerViews, VIEW_BATCH_SIZE, viewProjections } from './ledger-views';
export * from './referral-board';
export * from './referral-report';
export * from './service-integration';
export * from './service-integration-report';
export { Survivors } from './shared/survivors';
export type { ReportFilter, ViewTime } from './shared/view-time';
export { nextDeadline, STANDARDS, type TimelinessLine, timelinessReport } from './timeliness';
export { type BuiltViews, buildViewsAsOf } from './views-as-of';

/** The projections a projector runs (apps/ledger-projector), the same as the API runs in-process. */
export function ledgerProjections() {
  return ledgerViews;
}
