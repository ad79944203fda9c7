import type { ReadDatabaseTarget } from '@ledger/event-sourcing';
import { HolidayCalendar } from '../calendar/holiday-calendar';
import { timelinessReport } from '../timeliness';
import { aCase, aPlan, eventIdOf } from './casework-suite';
import { COUNSELOR, DVR, referral, W2 } from './referral-board-suite';
import { at, sealed, ViewWorld } from './view-world';

const decided = (day: string, eligible = true): [string, object] => [
  'EligibilityDetermined',
  { eligible, decidedAt: `${day}T14:00:00Z`, reasons: sealed() },
];
const interview = (day: string): [string, object] => [
  'InterviewScheduled',
  { scheduledFor: `${day}T15:00:00Z` },
];

export function timelinessSuite(freshTarget: (dir: string) => Promise<ReadDatabaseTarget>) {
  describe('timeliness', () => {
    let world: ViewWorld;
    beforeEach(() => {
      world = new ViewWorld(freshTarget);
    });
    afterEach(() => world.close());

    it('measures the W-2 standards in working days, with corrections, holidays and steps still due', async () => {
      const { database, runner } = await world.views();
      const monday = '2026-03-02T15:00:00Z';
      // Interview on working day 5, decision on working day 7 after it: both on time.
      await aCase(world, { receivedAt: monday }, interview('2026-03-09'), decided('2026-03-18'));
      // Working days 6 and 8: both late.
      await aCase(world, { receivedAt: monday }, interview('2026-03-10'), decided('2026-03-20'));
      // Late on day 8, until the application date is corrected to Thursday 5 March: day 5.
      const corrected = await aCase(world, { receivedAt: monday }, interview('2026-03-12'));
      const received = await eventIdOf(world, corrected.stream, 'ApplicationReceived');
      await world.record(corrected.stream, 'CaseStepCorrected', {
        ...corrected,
        eventId: received,
        field: 'receivedAt',
        value: '2026-03-05T15:00:00Z',
        reason: sealed(),
      });
      // No interview yet, past its deadline (received on a holiday: day 5 is 23 February): late, still due.
      await aCase(world, { receivedAt: '2026-02-16T15:00:00Z' });
      // Not yet due, or withdrawn before it was: not measured.
      await aCase(world, { receivedAt: '2026-03-05T15:00:00Z' });
      await aCase(world, { receivedAt: '2026-02-02T15:00:00Z' }, [
        'ProgramExited',
        { exitedAt: '2026-02-03T15:00:00Z', reason: sealed() },
      ]);
      await world.caughtUp(runner);

      const now = at('2026-03-06T15:00:00Z');
      const { standards } = await timelinessReport(database, {}, now);
      expect(standards).toEqual([
        {
          standard: 'w2-eligibility-7-working-days',
          partnerId: W2,
          program: 'w2',
          measured: 2,
          onTime: 1,
          share: 0.5,
          p50Days: 7,
          p90Days: 8,
          overdueOpen: 0,
        },
        {
          standard: 'w2-interview-5-working-days',
          partnerId: W2,
          program: 'w2',
          measured: 4,
          onTime: 2,
          share: 0.5,
          p50Days: 5,
          p90Days: 6,
          overdueOpen: 1,
        },
      ]);
      // With 9 March a local holiday instead of the federal calendar, day 5 moves to 10 March.
      const local = { ...now, calendar: HolidayCalendar.of(['2026-03-09']) };
      const interviews = (await timelinessReport(database, {}, local)).standards[1];
      expect(interviews).toMatchObject({ measured: 4, onTime: 3, overdueOpen: 1 });
      const since = await timelinessReport(database, { from: '2026-03-03', to: '2026-03-31' }, now);
      // The dates select the earlier step: applications from 3 March, and interviews from then.
      expect(since.standards).toEqual([
        expect.objectContaining({ standard: 'w2-eligibility-7-working-days', measured: 2 }),
        expect.objectContaining({ standard: 'w2-interview-5-working-days', measured: 1, onTime: 1 }),
      ]);
      expect((await timelinessReport(database, { program: 'wioa-adult' }, now)).standards).toEqual([]);
    });

    it('measures WIOA in calendar days, referral acceptance per receiver, and customer participation in plans', async () => {
      const { database, runner } = await world.views();
      const monday = '2026-03-02T15:00:00Z';
      await aCase(world, { program: 'wioa-adult', receivedAt: monday }, decided('2026-04-01'), [
        'Enrolled',
        { enrolledAt: '2026-05-16T15:00:00Z' },
      ]);
      await aCase(
        world,
        { program: 'wioa-youth', receivedAt: monday, partnerId: DVR },
        decided('2026-04-02', false),
      );
      // Eligible on 1 April, not enrolled 45 days later (16 May): late and still due.
      await aCase(world, { program: 'wioa-adult', receivedAt: monday }, decided('2026-04-01'));
      const accepted = (day: string): [string, string, object] => [
        'ReferralAccepted',
        `${day}T15:00:00Z`,
        { acceptedBy: COUNSELOR },
      ];
      await referral(world, { at: monday }, accepted('2026-03-04'));
      await referral(world, { at: monday }, accepted('2026-03-10'));
      await referral(world, { at: '2026-05-01T15:00:00Z' });
      await referral(world, { at: monday }, ['ReferralRejected', monday, {}]);
      await aPlan(world, { present: true });
      await aPlan(world, { present: true });
      await aPlan(world, { present: false });
      await world.caughtUp(runner);

      const now = at('2026-06-01T15:00:00Z');
      const { standards } = await timelinessReport(database, {}, now);
      const line = (standard: string, partnerId: string) =>
        standards.find((s) => s.standard === standard && s.partnerId === partnerId);
      expect(line('wioa-eligibility-30-days', W2)).toMatchObject({
        program: 'wioa-adult',
        measured: 2,
        onTime: 2,
        p50Days: 30,
      });
      expect(line('wioa-eligibility-30-days', DVR)).toMatchObject({
        program: 'wioa-youth',
        measured: 1,
        onTime: 0,
        p90Days: 31,
      });
      expect(line('wioa-enrollment-45-days', W2)).toMatchObject({
        measured: 2,
        onTime: 1,
        overdueOpen: 1,
        p50Days: 45,
      });
      expect(line('referral-acceptance-5-working-days', DVR)).toMatchObject({
        program: null,
        measured: 3,
        onTime: 1,
        p50Days: 2,
        p90Days: 6,
        overdueOpen: 1,
      });
      expect(line('plan-customer-participation', W2)).toMatchObject({
        measured: 3,
        onTime: 2,
        share: 0.6667,
      });
      const dvr = await timelinessReport(database, { partnerId: DVR }, now);
      expect(dvr.standards.map((s) => s.standard)).toEqual([
        'referral-acceptance-5-working-days',
        'wioa-eligibility-30-days',
      ]);
    });
  });
}
