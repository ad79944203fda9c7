import { addDays, localDateOf, startOfLocalDay } from '../calendar/local-date';
import type { Calendar } from '../calendar/working-days';

/** What queries need of time: now, and how to turn it into local dates and working days. */
export interface ViewTime {
  now: Date;
  timeZone: string;
  calendar: Calendar;
}

export const today = (time: ViewTime) => localDateOf(time.now, time.timeZone);

/** A report's filters (api.md `?partnerId=&program=&from=&to=`); `from` and `to` are local dates, inclusive. */
export interface ReportFilter {
  partnerId?: string;
  program?: string;
  from?: string;
  to?: string;
}

/** The filter's dates as instants: [from, to) in UTC ISO, to compare with the rows' timestamps. */
export function instantRange(filter: ReportFilter, timeZone: string): { from?: string; to?: string } {
  return {
    from: filter.from ? startOfLocalDay(filter.from, timeZone).toISOString() : undefined,
    to: filter.to ? startOfLocalDay(addDays(filter.to, 1), timeZone).toISOString() : undefined,
  };
}

/** Whether a local date falls within the filter's dates. */
export const withinDates = (date: string, filter: ReportFilter) =>
  (!filter.from || date >= filter.from) && (!filter.to || date <= filter.to);

/** Nearest-rank percentile of ascending values; null when there are none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** A share rounded to four decimals; null when nothing was counted. */
export const share = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
