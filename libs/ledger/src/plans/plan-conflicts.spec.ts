import fc from 'fast-check';
import {
  type ConflictReason,
  findPlanConflicts,
  isConflict,
  openActivities,
  type ScheduledActivity,
} from './plan-conflicts';

let next = 0;
const activity = (over: Partial<ScheduledActivity> = {}): ScheduledActivity => ({
  planId: 'plan-ep',
  partnerId: 'w2',
  activityId: `a-${++next}`,
  type: 'job-search',
  providerPartnerId: 'w2',
  startDate: '2026-03-16',
  endDate: '2026-06-30',
  weeklyHours: 20,
  ...over,
});
const cwPlan = { planId: 'plan-cw', partnerId: 'cw', providerPartnerId: 'cw' };
const find = (candidate: ScheduledActivity, scheduled: ScheduledActivity[], limit = 40) =>
  findPlanConflicts(candidate, scheduled, limit);

describe('plan conflicts', () => {
  it('lets activities of different types share days while the hours stay within the limit', () => {
    const parenting = activity({ ...cwPlan, type: 'parenting-class', weeklyHours: 20 });
    expect(find(activity({ weeklyHours: 20 }), [parenting])).toEqual({
      conflicts: [],
      peakWeeklyHours: 40,
      overLimit: false,
    });
  });

  it('lists every activity in effect on a day over the limit, with only what may be shown of it', () => {
    const parenting = activity({ ...cwPlan, type: 'parenting-class', weeklyHours: 21 });
    const found = find(activity({ weeklyHours: 20 }), [parenting]);
    expect(found).toEqual({
      conflicts: [
        {
          planId: 'plan-cw',
          partnerId: 'cw',
          type: 'parenting-class',
          startDate: '2026-03-16',
          endDate: '2026-06-30',
          weeklyHours: 21,
          reasons: ['weekly-hours-over-limit'],
        },
      ],
      peakWeeklyHours: 41,
      overLimit: true,
    });
  });

  it('counts dates inclusively: sharing one day is an overlap, following days are not', () => {
    const march = activity({ ...cwPlan, type: 'counseling', startDate: '2026-03-01', endDate: '2026-03-31' });
    const heavy = { weeklyHours: 30 };
    expect(isConflict(find(activity({ ...heavy, startDate: '2026-04-01' }), [{ ...march, ...heavy }]))).toBe(
      false,
    );
    expect(isConflict(find(activity({ ...heavy, startDate: '2026-03-31' }), [{ ...march, ...heavy }]))).toBe(
      true,
    );
  });

  it('refuses the same type from two providers at once, whatever the hours', () => {
    const other = activity({ ...cwPlan, weeklyHours: 2 });
    expect(find(activity({ weeklyHours: 2 }), [other]).conflicts).toEqual([
      expect.objectContaining({ planId: 'plan-cw', reasons: ['same-type-other-provider'] }),
    ]);
    const sameProvider = activity({ planId: 'plan-cw', partnerId: 'cw', providerPartnerId: 'w2' });
    expect(isConflict(find(activity({ weeklyHours: 2 }), [{ ...sameProvider, weeklyHours: 2 }]))).toBe(false);
  });

  it('names both reasons when both rules are broken', () => {
    const other = activity({ ...cwPlan, weeklyHours: 30 });
    expect(find(activity({ weeklyHours: 30 }), [other]).conflicts[0].reasons).toEqual([
      'same-type-other-provider',
      'weekly-hours-over-limit',
    ]);
  });

  it('lists only the activities in effect on the days over the limit', () => {
    const march = activity({
      type: 'training',
      startDate: '2026-03-01',
      endDate: '2026-03-31',
      weeklyHours: 30,
    });
    const april = activity({
      type: 'education',
      startDate: '2026-04-01',
      endDate: '2026-04-30',
      weeklyHours: 5,
    });
    const found = find(activity({ startDate: '2026-03-15', endDate: '2026-04-30', weeklyHours: 15 }), [
      march,
      april,
    ]);
    expect(found.conflicts.map((c) => c.weeklyHours)).toEqual([30]);
    expect(found.peakWeeklyHours).toBe(45);
  });

  it('adds up only the activities in effect on the same day', () => {
    const spring = activity({
      type: 'training',
      startDate: '2026-03-01',
      endDate: '2026-06-30',
      weeklyHours: 15,
    });
    const april = activity({
      type: 'education',
      startDate: '2026-04-01',
      endDate: '2026-04-30',
      weeklyHours: 15,
    });
    const mayJuly = activity({ startDate: '2026-05-01', endDate: '2026-07-31', weeklyHours: 15 });
    expect(isConflict(find(mayJuly, [spring, april]))).toBe(false);
    const aprilMay = activity({ startDate: '2026-04-15', endDate: '2026-05-31', weeklyHours: 15 });
    expect(find(aprilMay, [spring, april]).conflicts).toHaveLength(2);
  });

  it('is over the limit with no one else when the activity alone exceeds it', () => {
    expect(find(activity({ weeklyHours: 45 }), [])).toEqual({
      conflicts: [],
      peakWeeklyHours: 45,
      overLimit: true,
    });
  });

  it('compares a changed activity without its own earlier version, but not one of another plan', () => {
    const earlier = activity({ activityId: 'a-x', weeklyHours: 30 });
    expect(isConflict(find({ ...earlier, weeklyHours: 35 }, [earlier]))).toBe(false);
    expect(isConflict(find({ ...earlier, weeklyHours: 35 }, [{ ...earlier, ...cwPlan }]))).toBe(true);
  });

  it('adds hours in hundredths, so fractions that make the limit are within it', () => {
    const other = activity({ type: 'training', weeklyHours: 19.9 });
    expect(isConflict(find(activity({ weeklyHours: 20.1 }), [other]))).toBe(false);
  });

  it('honours the configured limit', () => {
    const other = activity({ type: 'training', weeklyHours: 20 });
    expect(isConflict(find(activity({ weeklyHours: 20 }), [other], 30))).toBe(true);
  });

  it('reads the open activities of the open plans from the customer’s file', () => {
    const entry = (activityId: string, ended: boolean) => ({
      activityId,
      type: 'job-search',
      providerPartnerId: 'w2',
      startDate: '2026-03-16',
      endDate: '2026-06-30',
      weeklyHours: 20,
      ended,
    });
    const plans = [
      {
        planId: 'open',
        partnerId: 'w2',
        closed: false,
        activities: new Map([
          ['a', entry('a', false)],
          ['b', entry('b', true)],
        ]),
      },
      { planId: 'closed', partnerId: 'cw', closed: true, activities: new Map([['c', entry('c', false)]]) },
    ];
    const { ended: _ended, ...open } = entry('a', false);
    expect(openActivities(plans)).toEqual([{ ...open, planId: 'open', partnerId: 'w2' }]);
  });
});

describe('plan conflicts, for any activities', () => {
  const DAY = 86_400_000;
  // Around a leap day and a month end, so date arithmetic is exercised.
  const origin = Date.UTC(2028, 1, 10);
  const date = (offset: number) => new Date(origin + offset * DAY).toISOString().slice(0, 10);
  const activityArb = fc
    .record({
      planId: fc.constantFrom('p1', 'p2', 'p3'),
      activityId: fc.uuid(),
      type: fc.constantFrom('job-search', 'training', 'counseling'),
      providerPartnerId: fc.constantFrom('w2', 'cw', 'wioa'),
      start: fc.integer({ min: 0, max: 40 }),
      length: fc.integer({ min: 0, max: 30 }),
      weeklyHours: fc.integer({ min: 1, max: 60 }).map((n) => n / 2),
    })
    .map(({ start, length, planId, ...a }) => ({
      ...a,
      planId,
      partnerId: `partner-of-${planId}`,
      startDate: date(start),
      endDate: date(start + length),
    }));
  const many = fc.array(activityArb, { maxLength: 8 });
  const limit = fc.integer({ min: 10, max: 50 });

  /** The rule read literally: day by day over the candidate's dates. */
  function oracle(c: ScheduledActivity, others: ScheduledActivity[], max: number) {
    const days = (a: ScheduledActivity) => {
      const out: string[] = [];
      for (let d = Date.parse(a.startDate); d <= Date.parse(a.endDate); d += DAY)
        out.push(new Date(d).toISOString().slice(0, 10));
      return out;
    };
    const reasons = others.map(() => new Set<ConflictReason>());
    let peak = c.weeklyHours;
    for (const day of days(c)) {
      const on = others.flatMap((o, i) => (o.startDate <= day && day <= o.endDate ? [i] : []));
      const total = on.reduce((sum, i) => sum + others[i].weeklyHours, c.weeklyHours);
      peak = Math.max(peak, total);
      for (const i of on) {
        if (total > max) reasons[i].add('weekly-hours-over-limit');
        if (others[i].type === c.type && others[i].providerPartnerId !== c.providerPartnerId)
          reasons[i].add('same-type-other-provider');
      }
    }
    return {
      conflicts: others.flatMap((o, i) =>
        reasons[i].size === 0
          ? []
          : [
              {
                planId: o.planId,
                partnerId: o.partnerId,
                type: o.type,
                startDate: o.startDate,
                endDate: o.endDate,
                weeklyHours: o.weeklyHours,
                reasons: [...reasons[i]].sort(),
              },
            ],
      ),
      peakWeeklyHours: peak,
      overLimit: peak > max,
    };
  }

  it('agrees with the rule checked day by day', () => {
    fc.assert(
      fc.property(activityArb, many, limit, (c, others, max) => {
        expect(findPlanConflicts(c, others, max)).toEqual(oracle(c, others, max));
      }),
      { numRuns: 500 },
    );
  });

  it('finds nothing when every type differs and all the hours together stay within the limit', () => {
    const types = ['job-search', 'training', 'counseling', 'education', 'other'];
    fc.assert(
      fc.property(fc.array(activityArb, { minLength: 1, maxLength: 5 }), (list) => {
        const distinct = list.map((a, i) => ({ ...a, type: types[i] }));
        const total = distinct.reduce((sum, a) => sum + a.weeklyHours, 0);
        const [c, ...others] = distinct;
        expect(isConflict(findPlanConflicts(c, others, Math.ceil(total)))).toBe(false);
      }),
    );
  });

  it('is symmetric between two activities that each stay within the limit', () => {
    fc.assert(
      fc.property(activityArb, activityArb, limit, (a, b, max) => {
        fc.pre(a.weeklyHours <= max && b.weeklyHours <= max);
        const ab = findPlanConflicts(a, [b], max);
        const ba = findPlanConflicts(b, [a], max);
        expect(isConflict(ab)).toBe(isConflict(ba));
        expect(ab.conflicts.map((x) => x.reasons)).toEqual(ba.conflicts.map((x) => x.reasons));
        const overlap = a.startDate <= b.endDate && b.startDate <= a.endDate;
        if (overlap) expect(ab.peakWeeklyHours).toBe(ba.peakWeeklyHours);
      }),
    );
  });

  it('never compares an activity with itself', () => {
    fc.assert(
      fc.property(activityArb, many, limit, (c, others, max) => {
        expect(findPlanConflicts(c, [c, ...others, { ...c, weeklyHours: 99 }], max)).toEqual(
          findPlanConflicts(c, others, max),
        );
      }),
    );
  });

  it('finds nothing in activities that do not share a day with it', () => {
    fc.assert(
      fc.property(activityArb, many, limit, (c, others, max) => {
        const apart = others.filter((o) => o.endDate < c.startDate || o.startDate > c.endDate);
        const found = findPlanConflicts(c, apart, max);
        expect(found.conflicts).toEqual([]);
        expect(found.overLimit).toBe(c.weeklyHours > max);
      }),
    );
  });

  it('does not depend on the order of the activities', () => {
    fc.assert(
      fc.property(activityArb, many, limit, (c, others, max) => {
        const key = (x: object) => JSON.stringify(x);
        const forward = findPlanConflicts(c, others, max);
        const backward = findPlanConflicts(c, [...others].reverse(), max);
        expect(backward.conflicts.map(key).sort()).toEqual(forward.conflicts.map(key).sort());
        expect(backward.peakWeeklyHours).toBe(forward.peakWeeklyHours);
      }),
    );
  });
});
