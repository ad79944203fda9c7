import { LedgerTestApp } from './support/ledger-test-app';
import { reason, Scenario } from './support/scenario';

/**
 * One customer from the seeds (W-2 Manual 1.2.4, the One-Stop practices, the Illinois WIOA policy): a W-2
 * participant whose family has an open child-welfare case plan, assessed once by the W-2 agency and reused
 * by the WIOA partner, referred to vocational rehabilitation with consent, and given an employability plan
 * whose activity would overlap the child-welfare plan.
 */
describe('seed scenario: one customer, many partners, nothing done twice', () => {
  let ledger: LedgerTestApp;
  afterAll(() => ledger.stop());

  it('runs from registration to a closed referral loop and an acknowledged plan conflict', async () => {
    ledger = await LedgerTestApp.start();
    const given = new Scenario(ledger);
    const w2 = await given.partner('Milwaukee W-2 Agency', 'w2-agency', ['w2']);
    const cw = await given.partner('Milwaukee Child Welfare', 'child-welfare', [
      'children-first',
      'child-welfare',
    ]);
    const wioa = await given.partner('WIOA Adult Services', 'core-program', ['wioa-adult']);
    const dvr = await given.partner('Division of Vocational Rehabilitation', 'required-partner', [
      'vocational-rehabilitation',
    ]);
    const fep = await given.staff(w2, ['w2-fep']);
    const cwWorker = await given.staff(cw, ['cf-case-manager']);
    const wioaWorker = await given.staff(wioa, ['partner-case-manager']);
    const counselor = await given.staff(dvr, ['partner-case-manager']);
    await given.agreement(
      [w2, dvr],
      [{ from: w2, to: dvr }],
      [{ from: w2, to: dvr, categories: ['identity', 'assessment'] }],
    );

    // Intake once, at the W-2 agency; the child-welfare involvement is recorded on the same customer.
    const customerId = await given.customer(fep.token, { ssn: '123-45-6789' });
    const involvement = await ledger.post(
      `/api/v1/customers/${customerId}/child-welfare-involvements`,
      fep.token,
      {
        partnerId: cw,
        startedAt: '2026-02-01',
        ...reason,
      },
    );
    expect(involvement.status).toBe(201);
    const w2Case = await ledger.post('/api/v1/cases', fep.token, {
      customerId,
      partnerId: w2,
      program: 'w2',
      receivedAt: '2026-03-02T15:00:00Z',
      channel: 'in-person',
      ...reason,
    });
    expect(w2Case.status).toBe(201);

    // Child welfare's case plan: parenting classes, Tuesdays and Thursdays, ten hours a week.
    const cwPlan = await ledger.post('/api/v1/plans', cwWorker.token, {
      customerId,
      partnerId: cw,
      kind: 'child-welfare-case-plan',
      goals: ['safe and stable home'],
      customerParticipation: { present: true, customerGoals: 'keep my kids with me' },
      ...reason,
    });
    expect(cwPlan.status).toBe(201);
    const parenting = await ledger.post(`/api/v1/plans/${cwPlan.body.id}/activities`, cwWorker.token, {
      type: 'parenting-class',
      providerPartnerId: cw,
      startDate: '2026-03-16',
      endDate: '2026-06-30',
      weeklyHours: 10,
      ...reason,
    });
    expect(parenting.status).toBe(201);

    // Assessed once by the W-2 agency; the WIOA partner's repeat is flagged, pointing at the first.
    const informal = {
      customerId,
      kind: 'informal',
      instrument: 'W-2 informal assessment',
      findings: { strengths: ['reliable'], needs: ['child care'], barriers: ['transport'] },
      ...reason,
    };
    const first = await ledger.post('/api/v1/assessments', fep.token, {
      ...informal,
      partnerId: w2,
      performedAt: '2026-03-04T15:00:00Z',
    });
    expect(first.body.warnings).toEqual([]);
    const repeat = await ledger.post('/api/v1/assessments', wioaWorker.token, {
      ...informal,
      partnerId: wioa,
      performedAt: '2026-03-20T15:00:00Z',
    });
    expect(repeat.body.warnings).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_ASSESSMENT', assessmentId: first.body.id, partnerId: w2 }),
    ]);

    // Referred to vocational rehabilitation with the customer's consent, and the loop is closed.
    const consentId = await given.consent(fep.token, customerId, {
      recipients: [dvr],
      purposes: ['referral'],
      categories: ['identity', 'assessment'],
      obtainedBy: w2,
    });
    const referral = await ledger.post('/api/v1/referrals', fep.token, {
      customerId,
      fromPartnerId: w2,
      toPartnerId: dvr,
      reason: 'wants work that fits a back injury',
      individualizedDetermination:
        'She asked for DVR; her assessment shows a barrier DVR serves; not an automatic referral',
      consentId,
      sharedCategories: ['identity', 'assessment'],
      ...reason,
    });
    expect(referral.status).toBe(201);
    const step = (route: string, token: string, body: object = {}) =>
      ledger.post(`/api/v1/referrals/${referral.body.id}/${route}`, token, { ...body, ...reason });
    expect((await step('acceptance', counselor.token)).status).toBe(200);
    expect((await step('appointments', counselor.token, { at: '2026-04-06T15:00:00Z' })).status).toBe(200);
    expect((await step('start', counselor.token)).status).toBe(200);
    expect(
      (await step('outcome', counselor.token, { status: 'completed', outcome: 'got-help' })).status,
    ).toBe(200);
    expect((await step('closure', fep.token)).status).toBe(200);

    // The employability plan's work experience overlaps the parenting class beyond 40 hours: refused, then
    // acknowledged with a reason, which is recorded.
    const ep = await ledger.post('/api/v1/plans', fep.token, {
      customerId,
      partnerId: w2,
      kind: 'employability-plan',
      goals: ['unsubsidized job'],
      customerParticipation: { present: true, customerGoals: 'a job near my kids’ school' },
      ...reason,
    });
    const workExperience = {
      type: 'work-experience',
      providerPartnerId: w2,
      startDate: '2026-04-01',
      endDate: '2026-05-31',
      weeklyHours: 35,
      ...reason,
    };
    const conflict = await ledger.post(`/api/v1/plans/${ep.body.id}/activities`, fep.token, workExperience);
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('PLAN_CONFLICT');
    expect(conflict.body.conflicts).toEqual([
      expect.objectContaining({
        planId: cwPlan.body.id,
        partnerId: cw,
        type: 'parenting-class',
        weeklyHours: 10,
      }),
    ]);
    const acknowledged = await ledger.post(`/api/v1/plans/${ep.body.id}/activities`, fep.token, {
      ...workExperience,
      acknowledgedConflicts: { reason: 'parenting class moved to Saturdays with the CW worker' },
    });
    expect(acknowledged.status).toBe(201);

    // Every step left its trace in the hash-chained ledger.
    expect(await ledger.verify()).toMatchObject({ intact: true });
  });
});
