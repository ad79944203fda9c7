import { addDays, dayNumber, fromDayNumber, weekday } from './local-date';

export interface Calendar {
  isHoliday(date: string): boolean;
}

/** Monday to Friday and not a holiday (domain.md "working day"). */
export function isWorkingDay(date: string, calendar: Calendar): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6 && !calendar.isHoliday(date);
}

/**
 * The date of working day `n` after `start`, counting the day after `start` as day 1 (api.md "Case steps"):
 * a step due "within n working days" is on time up to the end of that date.
 */
export function addWorkingDays(start: string, n: number, calendar: Calendar): string {
  let date = start;
  for (let counted = 0; counted < n; ) {
    date = addDays(date, 1);
    if (isWorkingDay(date, calendar)) counted++;
  }
  return date;
}

/**
 * How many working days the later step took: the number of the working day it fell on, counting the day
 * after `start` as day 1. A step on a weekend or holiday counts as the next working day (it is late if
 * that one is). 0 when it fell on the same day or before.
 */
export function elapsedWorkingDays(start: string, end: string, calendar: Calendar): number {
  if (end <= start) return 0;
  let count = 0;
  const last = dayNumber(end);
  for (let day = dayNumber(start) + 1; day <= last; day++) {
    // Weekends are told from the day number alone (0 = 1970-01-01, a Thursday); only weekdays are formatted.
    const weekend = ((((day + 4) % 7) + 7) % 7) % 6 === 0;
    if (!weekend && !calendar.isHoliday(fromDayNumber(day))) count++;
  }
  return isWorkingDay(end, calendar) ? count : count + 1;
}

/** Calendar days from `start` to `end`, the day after `start` being day 1; 0 when `end` is not later. */
export function elapsedCalendarDays(start: string, end: string): number {
  return Math.max(0, dayNumber(end) - dayNumber(start));
}
