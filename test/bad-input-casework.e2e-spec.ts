import { randomUUID } from 'node:crypto';
import { LedgerTestApp } from './support/ledger-test-app';
import { reason, Scenario } from './support/scenario';

/** The bad-input table for the caseworker's routes: every answer a 4xx problem naming it, the store unmoved. */
describe('bad input on cases, assessments and referrals never changes the ledger', () => {
  let ledger: LedgerTestApp;
  let fep: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    const given = new Scenario(ledger);
    const w2 = await given.partner('W-2', 'w2-agency', ['w2']);
    const dvr = await given.partner('DVR', 'required-partner', ['vocational-rehabilitation']);
    fep = (await given.staff(w2, ['w2-fep'])).token;
    const customerId = await given.customer(fep);
    const caseId = (
      await ledger.post('/api/v1/cases', fep, {
        customerId,
        partnerId: w2,
        program: 'w2',
        receivedAt: '2026-03-02T15:00:00Z',
        channel: 'phone',
        ...reason,
      })
    ).body.id;
    const assessmentId = (
      await ledger.post('/api/v1/assessments', fep, {
        customerId,
        partnerId: w2,
        kind: 'informal',
        instrument: 'i',
        performedAt: '2026-03-02T15:00:00Z',
        findings: { strengths: [], needs: [], barriers: [] },
        ...reason,
      })
    ).body.id;
    ids = { w2, dvr, customerId, caseId, assessmentId };
  });
  afterAll(() => ledger.stop());

  const caseBody = (change: object) => ({
    customerId: ids.customerId,
    partnerId: ids.w2,
    program: 'w2',
    receivedAt: '2026-03-02T15:00:00Z',
    channel: 'phone',
    ...reason,
    ...change,
  });
  const assessment = (change: object) => ({
    customerId: ids.customerId,
    partnerId: ids.w2,
    kind: 'informal',
    instrument: 'i',
    performedAt: '2026-03-02T15:00:00Z',
    findings: { strengths: [], needs: [], barriers: [] },
    ...reason,
    ...change,
  });
  const referral = (change: object) => ({
    customerId: ids.customerId,
    fromPartnerId: ids.w2,
    toPartnerId: ids.dvr,
    reason: 'r',
    individualizedDetermination: 'd',
    consentId: randomUUID(),
    sharedCategories: ['identity'],
    ...reason,
    ...change,
  });

  const cases: [string, string, () => object, number, string][] = [
    [
      'case without a customer',
      '/api/v1/cases',
      () => caseBody({ customerId: undefined }),
      400,
      'customerId',
    ],
    ['case with an unknown program', '/api/v1/cases', () => caseBody({ program: 'lottery' }), 400, 'program'],
    ['case with an unknown channel', '/api/v1/cases', () => caseBody({ channel: 'fax' }), 400, 'channel'],
    [
      'case received at a plain date',
      '/api/v1/cases',
      () => caseBody({ receivedAt: '2026-03-02' }),
      400,
      'receivedAt',
    ],
    ['case without a work reason', '/api/v1/cases', () => caseBody({ workReason: '  ' }), 400, 'workReason'],
    ['case for an unknown customer', '/api/v1/cases', () => caseBody({ customerId: randomUUID() }), 409, ''],
    [
      'interview without a time',
      '/api/v1/cases/:case/interviews',
      () => ({ ...reason }),
      400,
      'scheduledFor',
    ],
    [
      'eligibility not a boolean',
      '/api/v1/cases/:case/eligibility',
      () => ({ eligible: 'yes', decidedAt: '2026-03-10T15:00:00Z', ...reason }),
      400,
      'eligible',
    ],
    [
      'enrollment before eligibility',
      '/api/v1/cases/:case/enrollment',
      () => ({ enrolledAt: '2026-03-10T15:00:00Z', ...reason }),
      409,
      '',
    ],
    [
      'exit without a reason',
      '/api/v1/cases/:case/exit',
      () => ({ exitedAt: '2026-03-10T15:00:00Z', ...reason }),
      400,
      'reason',
    ],
    [
      'correction without an event id',
      '/api/v1/cases/:case/corrections',
      () => ({ field: 'receivedAt', value: 'x', reason: 'r', ...reason }),
      400,
      'eventId',
    ],
    [
      'assignment by a worker without the permission',
      '/api/v1/cases/:case/assignment',
      () => ({ accountId: 'bob', ...reason }),
      403,
      '',
    ],
    [
      'step of an unknown case',
      `/api/v1/cases/${randomUUID()}/interviews`,
      () => ({ scheduledFor: '2026-03-05T15:00:00Z', ...reason }),
      404,
      '',
    ],
    [
      'assessment of an unknown kind',
      '/api/v1/assessments',
      () => assessment({ kind: 'astrology' }),
      400,
      'kind',
    ],
    [
      'assessment without findings',
      '/api/v1/assessments',
      () => assessment({ findings: undefined }),
      400,
      'findings',
    ],
    [
      'assessment with findings not lists',
      '/api/v1/assessments',
      () => assessment({ findings: { strengths: 'lots', needs: [], barriers: [] } }),
      400,
      'findings.strengths',
    ],
    [
      'assessment with an extra finding',
      '/api/v1/assessments',
      () => assessment({ findings: { strengths: [], needs: [], barriers: [], secrets: [] } }),
      400,
      'findings.secrets',
    ],
    [
      'assessment for another partner',
      '/api/v1/assessments',
      () => assessment({ partnerId: ids.dvr }),
      403,
      '',
    ],
    [
      'share without a consent',
      '/api/v1/assessments/:assessment/shares',
      () => ({ partnerId: ids.dvr, ...reason }),
      400,
      'consentId',
    ],
    [
      'supersession without a reason',
      '/api/v1/assessments/:assessment/supersession',
      () => ({ ...reason }),
      400,
      'reason',
    ],
    [
      'referral without a determination',
      '/api/v1/referrals',
      () => referral({ individualizedDetermination: undefined }),
      400,
      'individualizedDetermination',
    ],
    [
      'referral sharing an unknown category',
      '/api/v1/referrals',
      () => referral({ sharedCategories: ['horoscope'] }),
      400,
      'sharedCategories',
    ],
    [
      'referral from another partner',
      '/api/v1/referrals',
      () => referral({ fromPartnerId: ids.dvr }),
      403,
      '',
    ],
    ['referral with no agreement', '/api/v1/referrals', () => referral({}), 409, ''],
    [
      'outcome with an unknown status',
      `/api/v1/referrals/${randomUUID()}/outcome`,
      () => ({ status: 'done', outcome: 'got-help', ...reason }),
      400,
      'status',
    ],
    [
      'outcome with an unknown outcome',
      `/api/v1/referrals/${randomUUID()}/outcome`,
      () => ({ status: 'failed', outcome: 'lost', ...reason }),
      400,
      'outcome',
    ],
    [
      'acceptance of an unknown referral',
      `/api/v1/referrals/${randomUUID()}/acceptance`,
      () => ({ ...reason }),
      404,
      '',
    ],
    [
      'appointment at no time',
      `/api/v1/referrals/${randomUUID()}/appointments`,
      () => ({ at: 'tomorrow', ...reason }),
      400,
      'at',
    ],
  ];

  it.each(cases)('%s → %i', async (_name, path, body, status, field) => {
    const url = path.replace(':case', ids.caseId).replace(':assessment', ids.assessmentId);
    const before = await ledger.headPosition();
    const response = await ledger.post(url, fep, body());
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    if (field) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    if (status === 409 || status === 403) expect(response.body.code).toEqual(expect.any(String));
    expect(await ledger.headPosition()).toBe(before);
  });
});
