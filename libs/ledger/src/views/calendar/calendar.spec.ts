import fc from 'fast-check';
import { HolidayCalendar, parseHolidayList } from './holiday-calendar';
import {
  addDays,
  dayNumber,
  fromDayNumber,
  isLocalDate,
  localDateOf,
  startOfLocalDay,
  weekday,
} from './local-date';
import { federalHolidays } from './us-federal-holidays';
import { addWorkingDays, elapsedCalendarDays, elapsedWorkingDays, isWorkingDay } from './working-days';

const federal = HolidayCalendar.federal();
const dates = fc.integer({ min: dayNumber('1990-01-01'), max: dayNumber('2060-12-31') }).map(fromDayNumber);

describe('plain dates', () => {
  it('round-trips day numbers and knows its weekdays', () => {
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('2026-03-16')).toBe(1);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(isLocalDate('2026-02-30')).toBe(false);
    fc.assert(fc.property(dates, (date) => fromDayNumber(dayNumber(date)) === date && isLocalDate(date)));
  });

  it('takes the local date of an instant in the ledger time zone', () => {
    expect(localDateOf('2026-03-02T05:59:59Z', 'America/Chicago')).toBe('2026-03-01');
    expect(localDateOf('2026-03-02T06:00:00Z', 'America/Chicago')).toBe('2026-03-02');
    expect(localDateOf('2026-07-02T04:59:59Z', 'America/Chicago')).toBe('2026-07-01');
    expect(localDateOf('2026-07-02T05:00:00Z', 'America/Chicago')).toBe('2026-07-02');
    expect(localDateOf('2026-03-02T23:30:00-06:00', 'UTC')).toBe('2026-03-03');
  });

  it('finds where a local day begins, across daylight-saving changes', () => {
    expect(startOfLocalDay('2026-03-08', 'America/Chicago').toISOString()).toBe('2026-03-08T06:00:00.000Z');
    expect(startOfLocalDay('2026-03-09', 'America/Chicago').toISOString()).toBe('2026-03-09T05:00:00.000Z');
    expect(startOfLocalDay('2026-11-01', 'America/Chicago').toISOString()).toBe('2026-11-01T05:00:00.000Z');
    const zones = fc.constantFrom(
      'America/Chicago',
      'Europe/Berlin',
      'Asia/Kolkata',
      'Pacific/Chatham',
      'UTC',
    );
    fc.assert(
      fc.property(dates, zones, (date, zone) => {
        const start = startOfLocalDay(date, zone).getTime();
        return localDateOf(start, zone) === date && localDateOf(start - 1000, zone) === addDays(date, -1);
      }),
    );
  });
});

describe('U.S. federal holidays', () => {
  it('falls on the observed dates OPM publishes', () => {
    expect(federalHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
    expect(federalHolidays(2027)).toEqual([
      '2027-01-01',
      '2027-01-18',
      '2027-02-15',
      '2027-05-31',
      '2027-06-18',
      '2027-07-05',
      '2027-09-06',
      '2027-10-11',
      '2027-11-11',
      '2027-11-25',
      '2027-12-24',
      '2027-12-31',
    ]);
    // 1 January 2022 was a Saturday: observed on 31 December 2021, so 2022 itself has no New Year's day off.
    expect(federalHolidays(2022)).toEqual([
      '2022-01-17',
      '2022-02-21',
      '2022-05-30',
      '2022-06-20',
      '2022-07-04',
      '2022-09-05',
      '2022-10-10',
      '2022-11-11',
      '2022-11-24',
      '2022-12-26',
    ]);
    expect(federalHolidays(2020)).not.toContain('2020-06-19');
  });

  it('observes every holiday on a weekday of its own year, nine to twelve of them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), (year) => {
        const days = federalHolidays(year);
        // Ten holidays before Juneteenth, eleven since; one fewer or more when New Year's moves across the year.
        expect(days.length).toBeGreaterThanOrEqual(year < 2021 ? 9 : 10);
        expect(days.length).toBeLessThanOrEqual(12);
        for (const day of days) {
          expect(day.startsWith(`${year}-`)).toBe(true);
          expect([0, 6]).not.toContain(weekday(day));
          expect(federal.isHoliday(day)).toBe(true);
        }
      }),
    );
  });
});

describe('working days', () => {
  it('counts the day after the earlier step as day 1 and skips weekends and holidays', () => {
    // Application on Monday 2 March 2026: working day 5 is Monday 9 March.
    expect(addWorkingDays('2026-03-02', 5, federal)).toBe('2026-03-09');
    expect(elapsedWorkingDays('2026-03-02', '2026-03-09', federal)).toBe(5);
    expect(elapsedWorkingDays('2026-03-02', '2026-03-10', federal)).toBe(6);
    // Over Thanksgiving (26 Nov) and the weekend: Wed 25 → Thu off, Fri 1, Mon 2, …, Thu 3 Dec is day 5.
    expect(addWorkingDays('2026-11-25', 5, federal)).toBe('2026-12-03');
    // A step on a Saturday counts as the Monday after.
    expect(elapsedWorkingDays('2026-03-02', '2026-03-07', federal)).toBe(5);
    expect(elapsedWorkingDays('2026-03-03', '2026-03-07', federal)).toBe(4);
    expect(elapsedWorkingDays('2026-03-02', '2026-03-02', federal)).toBe(0);
    expect(elapsedWorkingDays('2026-03-02', '2026-02-27', federal)).toBe(0);
    expect(isWorkingDay('2026-07-03', federal)).toBe(false);
  });

  it('follows a configured holiday list instead of the federal one', () => {
    const local = HolidayCalendar.of(['2026-03-04']);
    expect(addWorkingDays('2026-03-02', 5, local)).toBe('2026-03-10');
    expect(isWorkingDay('2026-07-03', local)).toBe(true);
    expect(() => parseHolidayList(['2026-02-30'])).toThrow(/entry 0/);
    expect(() => parseHolidayList({ dates: [] })).toThrow(/JSON array/);
  });

  it('is on time exactly when the step falls on or before the date of working day n', () => {
    const calendars = fc.constantFrom(federal, HolidayCalendar.of(['2026-03-04', '2026-12-24']));
    fc.assert(
      fc.property(
        dates,
        fc.integer({ min: -5, max: 60 }),
        fc.integer({ min: 1, max: 30 }),
        calendars,
        (start, offset, n, calendar) => {
          const end = addDays(start, offset);
          const deadline = addWorkingDays(start, n, calendar);
          expect(isWorkingDay(deadline, calendar)).toBe(true);
          expect(elapsedWorkingDays(start, deadline, calendar)).toBe(n);
          expect(elapsedWorkingDays(start, end, calendar) <= n).toBe(end <= deadline);
          expect(elapsedWorkingDays(start, end, calendar)).toBeLessThanOrEqual(
            elapsedCalendarDays(start, end) + 1,
          );
        },
      ),
    );
  });

  it('counts calendar days the same way', () => {
    expect(elapsedCalendarDays('2026-03-02', '2026-04-01')).toBe(30);
    expect(elapsedCalendarDays('2026-03-02', '2026-03-01')).toBe(0);
  });
});
