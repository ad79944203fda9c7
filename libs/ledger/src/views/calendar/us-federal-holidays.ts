import { addDays, dayNumber, fromDayNumber, weekday } from './local-date';

const pad = (n: number) => String(n).padStart(2, '0');
const date = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** The n-th given weekday (0 = Sunday) of a month; n = -1 for the last one. */
function nthWeekday(year: number, month: number, day: number, n: number): string {
  if (n > 0) {
    const first = date(year, month, 1);
    return addDays(first, ((day - weekday(first) + 7) % 7) + (n - 1) * 7);
  }
  const last = fromDayNumber(dayNumber(date(month === 12 ? year + 1 : year, (month % 12) + 1, 1)) - 1);
  return addDays(last, -((weekday(last) - day + 7) % 7));
}

/** The legal public holidays of 5 U.S.C. 6103(a) in `year`, on their actual dates. */
export function federalHolidayDates(year: number): { name: string; date: string }[] {
  const holidays = [
    { name: "New Year's Day", date: date(year, 1, 1) },
    { name: 'Birthday of Martin Luther King, Jr.', date: nthWeekday(year, 1, 1, 3) },
    { name: "Washington's Birthday", date: nthWeekday(year, 2, 1, 3) },
    { name: 'Memorial Day', date: nthWeekday(year, 5, 1, -1) },
    { name: 'Juneteenth National Independence Day', date: date(year, 6, 19) },
    { name: 'Independence Day', date: date(year, 7, 4) },
    { name: 'Labor Day', date: nthWeekday(year, 9, 1, 1) },
    { name: 'Columbus Day', date: nthWeekday(year, 10, 1, 2) },
    { name: 'Veterans Day', date: date(year, 11, 11) },
    { name: 'Thanksgiving Day', date: nthWeekday(year, 11, 4, 4) },
    { name: 'Christmas Day', date: date(year, 12, 25) },
  ];
  // Juneteenth became a legal public holiday on 17 June 2021.
  return year < 2021 ? holidays.filter((h) => !h.name.startsWith('Juneteenth')) : holidays;
}

/** A holiday on a Saturday is observed the Friday before, on a Sunday the Monday after (5 U.S.C. 6103(b)). */
export function observed(date: string): string {
  const day = weekday(date);
  return day === 6 ? addDays(date, -1) : day === 0 ? addDays(date, 1) : date;
}

/**
 * The days off in `year`: each holiday's observed date. New Year's Day of the next year falls in this one
 * when it is a Saturday (observed on 31 December).
 */
export function federalHolidays(year: number): string[] {
  const dates = [...federalHolidayDates(year), ...federalHolidayDates(year + 1).slice(0, 1)]
    .map((h) => observed(h.date))
    .filter((d) => d.startsWith(`${year}-`));
  return [...new Set(dates)].sort();
}
