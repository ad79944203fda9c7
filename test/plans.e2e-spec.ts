import { randomUUID } from 'node:crypto';
import { EventStore } from '@ledger/event-sourcing';
import { LedgerTestApp } from './support/ledger-test-app';
import { reason, Scenario } from './support/scenario';

type Staff = { id: string; token: string };

describe('plans over HTTP', () => {
  let ledger: LedgerTestApp;
  let given: Scenario;
  let w2: string;
  let cw: string;
  let wioa: string;
  let fep: Staff;
  let supervisor: Staff;
  let cwWorker: Staff;
  let wioaWorker: Staff;

  const createPlan = (token: string, customerId: string, partnerId: string, kind: string, over = {}) =>
    ledger.post('/api/v1/plans', token, {
      customerId,
      partnerId,
      kind,
      goals: ['steady work as a welder'],
      customerParticipation: { present: true, customerGoals: 'I want to weld and be home by four' },
      ...over,
      ...reason,
    });
  const planOf = async (token: string, customerId: string, partnerId: string, kind: string) => {
    const response = await createPlan(token, customerId, partnerId, kind);
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const assign = (token: string, planId: string, activity: object) =>
    ledger.post(`/api/v1/plans/${planId}/activities`, token, { ...activity, ...reason });
  const rawStream = async (planId: string) =>
    JSON.stringify(await ledger.app.get(EventStore).readStream(`plan-${planId}`));

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    given = new Scenario(ledger);
    w2 = await given.partner('W-2', 'w2-agency', ['w2']);
    cw = await given.partner('Child Welfare', 'child-welfare', ['children-first', 'child-welfare']);
    wioa = await given.partner('WIOA', 'core-program', ['wioa-adult']);
    fep = await given.staff(w2, ['w2-fep']);
    supervisor = await given.staff(w2, ['w2-case-management-supervisor']);
    cwWorker = await given.staff(cw, ['cf-case-manager']);
    wioaWorker = await given.staff(wioa, ['partner-case-manager']);
  });
  afterAll(() => ledger.stop());

  it('creates a plan with the customer taking part, sealing the goals and the customer’s words', async () => {
    const customerId = await given.customer(fep.token);
    const created = await createPlan(fep.token, customerId, w2, 'employability-plan');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ revision: 0, warnings: [] });
    const read = await ledger.get(`/api/v1/plans/${created.body.id}`, fep.token);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"0"');
    expect(read.body).toMatchObject({
      planId: created.body.id,
      customerId,
      partnerId: w2,
      kind: 'employability-plan',
      customerPresent: true,
      createdBy: fep.id,
      assignedTo: fep.id,
      closed: false,
    });
    const stored = await rawStream(created.body.id);
    expect(stored).not.toContain('welder');
    expect(stored).not.toContain('home by four');
  });

  it('takes the plan through goals, action items, signatures, a review and closure, then refuses changes', async () => {
    const customerId = await given.customer(fep.token);
    const planId = await planOf(fep.token, customerId, w2, 'employability-plan');
    const post = (route: string, body: object) =>
      ledger.post(`/api/v1/plans/${planId}/${route}`, fep.token, { ...body, ...reason });
    expect((await post('goals', { goals: ['a CDL by June'] })).status).toBe(200);
    const item = await post('action-items', {
      assignee: 'participant',
      description: 'bring the daycare letter',
      dueDate: '2026-04-01',
    });
    expect(item.status).toBe(201);
    expect(item.body.itemId).toEqual(expect.any(String));
    expect((await post(`action-items/${item.body.itemId}/completion`, {})).status).toBe(200);
    expect((await post(`action-items/${randomUUID()}/completion`, {})).status).toBe(404);
    expect((await post('signatures', { signer: 'participant' })).status).toBe(200);
    expect((await post('signatures', { signer: 'worker' })).status).toBe(200);
    const reviewed = await post('reviews', { notes: 'doing well at the shop', nextReviewDue: '2026-06-01' });
    expect(reviewed.status).toBe(200);
    const closed = await post('closure', { reason: 'found work at the foundry' });
    expect(closed).toMatchObject({ status: 200, body: { revision: 7 } });

    const read = await ledger.get(`/api/v1/plans/${planId}`, fep.token);
    expect(read.headers.etag).toBe('"7"');
    expect(read.body).toMatchObject({
      closed: true,
      signatures: ['participant', 'worker'],
      nextReviewDue: '2026-06-01',
      actionItems: {
        [item.body.itemId]: { assignee: 'participant', dueDate: '2026-04-01', completed: true },
      },
    });
    const stored = await rawStream(planId);
    for (const text of ['CDL', 'daycare', 'doing well', 'foundry']) expect(stored).not.toContain(text);

    const before = await ledger.headPosition();
    for (const [route, body] of [
      ['goals', { goals: ['x'] }],
      ['signatures', { signer: 'supervisor' }],
      ['closure', { reason: 'again' }],
      [
        'activities',
        {
          type: 'job-search',
          providerPartnerId: w2,
          startDate: '2026-03-16',
          endDate: '2026-03-20',
          weeklyHours: 5,
        },
      ],
    ] as const) {
      const refused = await post(route, body);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('PLAN_CLOSED');
    }
    expect(await ledger.headPosition()).toBe(before);
  });

  it('refuses a W-2 activity that conflicts with the child-welfare case plan, then records it acknowledged', async () => {
    const customerId = await given.customer(fep.token);
    const cwPlan = await planOf(cwWorker.token, customerId, cw, 'child-welfare-case-plan');
    const parenting = {
      type: 'parenting-class',
      providerPartnerId: cw,
      startDate: '2026-04-01',
      endDate: '2026-05-31',
      weeklyHours: 25,
    };
    expect((await assign(cwWorker.token, cwPlan, parenting)).status).toBe(201);
    const ep = await planOf(fep.token, customerId, w2, 'employability-plan');
    const jobSearch = {
      type: 'job-search',
      providerPartnerId: w2,
      startDate: '2026-03-16',
      endDate: '2026-06-30',
      weeklyHours: 20,
    };

    const before = await ledger.headPosition();
    const refused = await assign(fep.token, ep, jobSearch);
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'PLAN_CONFLICT', peakWeeklyHours: 45, weeklyHoursLimit: 40 });
    expect(refused.body.conflicts).toEqual([
      {
        planId: cwPlan,
        partnerId: cw,
        type: 'parenting-class',
        startDate: '2026-04-01',
        endDate: '2026-05-31',
        weeklyHours: 25,
        reasons: ['weekly-hours-over-limit'],
      },
    ]);
    expect(JSON.stringify(refused.body)).not.toContain('welder');
    expect(await ledger.headPosition()).toBe(before);

    const accepted = await assign(fep.token, ep, {
      ...jobSearch,
      acknowledgedConflicts: { reason: 'the class is on Saturdays; hours agreed with the CPS worker' },
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.activityId).toEqual(expect.any(String));
    const [, assigned] = await ledger.app.get(EventStore).readStream(`plan-${ep}`);
    expect(assigned.data).toMatchObject({
      activityId: accepted.body.activityId,
      acknowledgedConflicts: {
        reason: expect.objectContaining({ sealed: expect.any(String) }),
        conflicts: refused.body.conflicts,
        peakWeeklyHours: 45,
      },
    });
    expect(JSON.stringify(assigned.data)).not.toContain('Saturdays');
    const read = await ledger.get(`/api/v1/plans/${ep}`, fep.token);
    expect(read.body.activities[accepted.body.activityId]).toMatchObject({ ...jobSearch, ended: false });
  });

  it('refuses weekly hours over 40 across two partners’ plans, and accepts what fits', async () => {
    const customerId = await given.customer(fep.token);
    const ep = await planOf(fep.token, customerId, w2, 'employability-plan');
    const iep = await planOf(wioaWorker.token, customerId, wioa, 'individual-employment-plan');
    const work = {
      type: 'work-experience',
      providerPartnerId: w2,
      startDate: '2026-03-02',
      endDate: '2026-05-29',
    };
    expect((await assign(fep.token, ep, { ...work, weeklyHours: 30 })).status).toBe(201);
    const training = {
      type: 'training',
      providerPartnerId: wioa,
      startDate: '2026-05-29',
      endDate: '2026-08-31',
    };
    const over = await assign(wioaWorker.token, iep, { ...training, weeklyHours: 15 });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ code: 'PLAN_CONFLICT', peakWeeklyHours: 45 });
    expect(over.body.conflicts).toEqual([
      expect.objectContaining({ planId: ep, partnerId: w2, type: 'work-experience', weeklyHours: 30 }),
    ]);
    expect((await assign(wioaWorker.token, iep, { ...training, weeklyHours: 10 })).status).toBe(201);
    // The plan's own activities count too: 10 + 31 on the same days.
    const own = await assign(wioaWorker.token, iep, {
      ...training,
      startDate: '2026-06-01',
      weeklyHours: 31,
    });
    expect(own.body).toMatchObject({ code: 'PLAN_CONFLICT', peakWeeklyHours: 41 });
    expect(own.body.conflicts).toEqual([expect.objectContaining({ planId: iep, weeklyHours: 10 })]);
  });

  it('refuses the same activity type from two providers at once', async () => {
    const customerId = await given.customer(fep.token);
    const ep = await planOf(fep.token, customerId, w2, 'employability-plan');
    const iep = await planOf(wioaWorker.token, customerId, wioa, 'individual-employment-plan');
    const dates = { startDate: '2026-03-16', endDate: '2026-04-30' };
    expect(
      (await assign(fep.token, ep, { type: 'job-search', providerPartnerId: w2, ...dates, weeklyHours: 10 }))
        .status,
    ).toBe(201);
    const twice = await assign(wioaWorker.token, iep, {
      type: 'job-search',
      providerPartnerId: wioa,
      ...dates,
      weeklyHours: 5,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.conflicts).toEqual([
      expect.objectContaining({ planId: ep, type: 'job-search', reasons: ['same-type-other-provider'] }),
    ]);
    const otherType = await assign(wioaWorker.token, iep, {
      type: 'counseling',
      providerPartnerId: wioa,
      ...dates,
      weeklyHours: 5,
    });
    expect(otherType.status).toBe(201);
  });

  it('changes an activity without comparing it with its old self, and an ended one stops counting', async () => {
    const customerId = await given.customer(fep.token);
    const ep = await planOf(fep.token, customerId, w2, 'employability-plan');
    const iep = await planOf(wioaWorker.token, customerId, wioa, 'individual-employment-plan');
    const work = {
      type: 'work-experience',
      providerPartnerId: w2,
      startDate: '2026-03-02',
      endDate: '2026-06-30',
    };
    const { body } = await assign(fep.token, ep, { ...work, weeklyHours: 30 });
    const changes = (id: string, change: object) =>
      ledger.post(`/api/v1/plans/${ep}/activities/${id}/changes`, fep.token, { ...change, ...reason });
    expect((await changes(body.activityId, { weeklyHours: 40 })).status).toBe(200);
    expect((await changes(randomUUID(), { weeklyHours: 10 })).status).toBe(404);
    const training = {
      type: 'training',
      providerPartnerId: wioa,
      startDate: '2026-05-01',
      endDate: '2026-08-31',
    };
    expect((await assign(wioaWorker.token, iep, { ...training, weeklyHours: 10 })).body.code).toBe(
      'PLAN_CONFLICT',
    );

    const ended = await ledger.post(`/api/v1/plans/${ep}/activities/${body.activityId}/end`, fep.token, {
      endDate: '2026-04-30',
      reason: 'started a job at the cannery',
      ...reason,
    });
    expect(ended.status).toBe(200);
    expect(await rawStream(ep)).not.toContain('cannery');
    expect((await assign(wioaWorker.token, iep, { ...training, weeklyHours: 10 })).status).toBe(201);
    const afterEnd = await changes(body.activityId, { weeklyHours: 10 });
    expect(afterEnd).toMatchObject({ status: 409, body: { code: 'ACTIVITY_ENDED' } });
  });

  it('lets only the plan’s partner change or read it, and a partner create plans for itself only', async () => {
    const customerId = await given.customer(fep.token);
    const ep = await planOf(fep.token, customerId, w2, 'employability-plan');
    const before = await ledger.headPosition();
    const foreign = await ledger.post(`/api/v1/plans/${ep}/goals`, cwWorker.token, {
      goals: ['x'],
      ...reason,
    });
    expect(foreign).toMatchObject({ status: 403, body: { code: 'WRONG_PARTNER' } });
    const foreignActivity = await assign(cwWorker.token, ep, {
      type: 'counseling',
      providerPartnerId: cw,
      startDate: '2026-03-16',
      endDate: '2026-03-20',
      weeklyHours: 2,
    });
    expect(foreignActivity.body.code).toBe('WRONG_PARTNER');
    expect((await createPlan(fep.token, customerId, cw, 'service-plan')).body.code).toBe('WRONG_PARTNER');
    expect((await ledger.get(`/api/v1/plans/${ep}`, cwWorker.token)).status).toBe(403);
    expect(await ledger.headPosition()).toBe(before);
  });

  it('names what does not exist: the customer, the provider, the plan', async () => {
    const customerId = await given.customer(fep.token);
    expect((await createPlan(fep.token, randomUUID(), w2, 'service-plan')).body.code).toBe(
      'CUSTOMER_NOT_FOUND',
    );
    const ep = await planOf(fep.token, customerId, w2, 'employability-plan');
    const activity = { type: 'education', startDate: '2026-03-16', endDate: '2026-03-20', weeklyHours: 2 };
    const unknownProvider = await assign(fep.token, ep, { ...activity, providerPartnerId: randomUUID() });
    expect(unknownProvider).toMatchObject({ status: 409, body: { code: 'PARTNER_NOT_FOUND' } });
    expect((await assign(fep.token, randomUUID(), { ...activity, providerPartnerId: w2 })).status).toBe(404);
    expect((await ledger.get(`/api/v1/plans/${randomUUID()}`, fep.token)).status).toBe(404);
  });

  it('lets a supervisor reassign a plan to another worker of the partner', async () => {
    const customerId = await given.customer(fep.token);
    const ep = await planOf(fep.token, customerId, w2, 'employability-plan');
    const other = await given.staff(w2, ['w2-fep']);
    const to = (token: string, accountId: string) =>
      ledger.post(`/api/v1/plans/${ep}/assignment`, token, { accountId, ...reason });
    expect((await to(fep.token, other.id)).status).toBe(403);
    expect((await to(supervisor.token, other.id)).status).toBe(200);
    expect((await ledger.get(`/api/v1/plans/${ep}`, fep.token)).body.assignedTo).toBe(other.id);
    expect((await to(supervisor.token, cwWorker.id)).body.code).toBe('ASSIGNEE_NOT_IN_PARTNER');
  });
});
