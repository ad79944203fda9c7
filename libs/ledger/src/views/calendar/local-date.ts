/**
 * Plain dates (`YYYY-MM-DD`, api.md "Time") and their arithmetic. A date is turned into a day number
 * (days since 1970-01-01) and back through UTC, which has no daylight-saving gaps, so adding days never
 * lands on the wrong date whatever the ledger's time zone.
 */
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(value: string): boolean {
  const match = DATE.exec(value);
  return !!match && fromDayNumber(dayNumber(value)) === value;
}

export function dayNumber(date: string): number {
  const match = DATE.exec(date);
  if (!match) throw new Error(`${date} is not a date (YYYY-MM-DD)`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export const addDays = (date: string, days: number) => fromDayNumber(dayNumber(date) + days);

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export const weekday = (date: string) => (((dayNumber(date) + 4) % 7) + 7) % 7;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) parts[part.type] = Number(part.value);
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** The local date of an instant (a timestamp with an offset or Z) in `timeZone`. */
export function localDateOf(instant: string | number | Date, timeZone: string): string {
  const ms = typeof instant === 'number' ? instant : new Date(instant).getTime();
  if (Number.isNaN(ms)) throw new Error(`${String(instant)} is not a timestamp`);
  return new Date(wallClock(ms - (ms % 1000), timeZone)).toISOString().slice(0, 10);
}

/** The instant a local date begins in `timeZone` (midnight, or the first moment after a DST gap). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const midnight = dayNumber(date) * DAY_MS;
  let guess = midnight;
  // Two rounds settle the offset, even when the first guess falls on the other side of a DST change.
  for (let i = 0; i < 2; i++) guess = midnight - (wallClock(guess, timeZone) - guess);
  while (localDateOf(guess, timeZone) < date) guess += 3_600_000;
  while (localDateOf(guess - 3_600_000, timeZone) === date) guess -= 3_600_000;
  return new Date(guess);
}
