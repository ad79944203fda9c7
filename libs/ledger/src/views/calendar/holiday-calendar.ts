import { isLocalDate } from './local-date';
import { federalHolidays } from './us-federal-holidays';

/** Which dates are holidays: the configured list, or U.S. federal holidays computed by rule. */
export class HolidayCalendar {
  private readonly byYear = new Map<number, ReadonlySet<string>>();

  private constructor(private readonly list: ReadonlySet<string> | undefined) {}

  /** The default (api.md "Time"): U.S. federal holidays, on their observed dates. */
  static federal(): HolidayCalendar {
    return new HolidayCalendar(undefined);
  }

  /** Exactly these dates, and no others (a `LEDGER_HOLIDAYS_FILE`). */
  static of(dates: readonly string[]): HolidayCalendar {
    return new HolidayCalendar(new Set(parseHolidayList(dates)));
  }

  isHoliday(date: string): boolean {
    if (this.list) return this.list.has(date);
    const year = Number(date.slice(0, 4));
    let holidays = this.byYear.get(year);
    if (!holidays) {
      holidays = new Set(federalHolidays(year));
      this.byYear.set(year, holidays);
    }
    return holidays.has(date);
  }
}

/**
 * The `LEDGER_HOLIDAYS_FILE` format: a JSON array of local dates, `["2026-01-01", "2026-01-19", …]`,
 * each `YYYY-MM-DD`, naming every non-working weekday of every year the ledger measures (the file
 * replaces the federal default; it is not added to it). Throws naming the first bad entry.
 */
export function parseHolidayList(value: unknown): string[] {
  if (!Array.isArray(value)) throw new Error('must be a JSON array of dates (YYYY-MM-DD)');
  value.forEach((entry, i) => {
    if (typeof entry !== 'string' || !isLocalDate(entry))
      throw new Error(`entry ${i} (${JSON.stringify(entry)}) is not a date (YYYY-MM-DD)`);
  });
  return value as string[];
}
