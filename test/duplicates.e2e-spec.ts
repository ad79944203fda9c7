import { LedgerTestApp } from './support/ledger-test-app';
import { reason, Scenario, someone } from './support/scenario';

describe('duplication findings', () => {
  let ledger: LedgerTestApp;
  let given: Scenario;
  let w2: string;
  let wioa: string;
  let fep: { id: string; token: string };
  let supervisor: { id: string; token: string };
  let wioaWorker: { id: string; token: string };
  let analyst: { id: string; token: string };

  const findings = async (kind: string, token = analyst.token) =>
    (await ledger.get(`/api/v1/duplicates?kind=${kind}`, token)).body.items as {
      findingId: string;
      subjectIds: string[];
      status: string;
      grade?: string;
    }[];

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    given = new Scenario(ledger);
    w2 = await given.partner('W-2', 'w2-agency', ['w2']);
    wioa = await given.partner('WIOA', 'core-program', ['wioa-adult']);
    fep = await given.staff(w2, ['w2-fep']);
    supervisor = await given.staff(w2, ['w2-case-management-supervisor']);
    wioaWorker = await given.staff(wioa, ['partner-case-manager']);
    analyst = await given.staff(null, ['analyst']);
  });
  afterAll(() => ledger.stop());

  it('finds a probable duplicate customer registered anyway, lets a reviewer dismiss it, and clears it on merge', async () => {
    const person = someone({ firstName: 'Jose', ssn: '301-22-4444', phone: '414-555-0199' });
    const first = await ledger.post('/api/v1/customers', fep.token, { ...person, ...reason });
    const second = await ledger.post('/api/v1/customers', fep.token, {
      ...person,
      firstName: 'Joseph',
      clearance: { acknowledgedCandidateIds: [first.body.id] },
      ...reason,
    });
    expect(second.status).toBe(201);
    const pair = [first.body.id, second.body.id].sort();
    const [finding] = (await findings('customer')).filter((f) => f.subjectIds.join() === pair.join());
    expect(finding).toMatchObject({ status: 'open', grade: expect.stringMatching(/certain|probable/) });
    expect((await findings('customer', fep.token)).map((f) => f.findingId)).toContain(finding.findingId);
    expect((await findings('customer', wioaWorker.token)).map((f) => f.findingId)).not.toContain(
      finding.findingId,
    );

    expect(
      (await ledger.post(`/api/v1/duplicates/${finding.findingId}/dismissal`, fep.token, { reason: 'x' }))
        .status,
    ).toBe(403);
    const dismissed = await ledger.post(
      `/api/v1/duplicates/${finding.findingId}/dismissal`,
      supervisor.token,
      { reason: 'twins' },
    );
    expect(dismissed.status).toBe(200);
    expect((await findings('customer')).find((f) => f.findingId === finding.findingId)?.status).toBe(
      'acknowledged',
    );

    await ledger.post(`/api/v1/customers/${first.body.id}/merges`, fep.token, {
      duplicateId: second.body.id,
      reason: 'same man',
      ...reason,
    });
    expect((await findings('customer')).find((f) => f.findingId === finding.findingId)?.status).toBe(
      'cleared',
    );

    // Undone, the two are candidates again, and the reviewer's dismissal still stands.
    await ledger.post(`/api/v1/customers/${first.body.id}/merges/${second.body.id}/undo`, fep.token, {
      reason: 'twins after all',
      ...reason,
    });
    expect((await findings('customer')).find((f) => f.findingId === finding.findingId)?.status).toBe(
      'acknowledged',
    );
  });

  it('lists repeated assessments while both stand', async () => {
    const customerId = await given.customer(fep.token);
    const assess = (token: string, partnerId: string) =>
      ledger.post('/api/v1/assessments', token, {
        customerId,
        partnerId,
        kind: 'skills',
        instrument: 'i',
        performedAt: '2026-03-02T15:00:00Z',
        findings: { strengths: [], needs: [], barriers: [] },
        ...reason,
      });
    const a = await assess(fep.token, w2);
    const b = await assess(wioaWorker.token, wioa);
    expect((await findings('assessment')).map((f) => f.subjectIds)).toContainEqual(
      [a.body.id, b.body.id].sort(),
    );
    await ledger.post(`/api/v1/assessments/${b.body.id}/supersession`, wioaWorker.token, {
      reason: 'reused theirs',
      ...reason,
    });
    expect((await findings('assessment')).map((f) => f.subjectIds)).not.toContainEqual(
      [a.body.id, b.body.id].sort(),
    );
  });

  it('lists open referrals of one customer to two partners for the same program', async () => {
    const [a, b] = [
      await given.partner('Job Center A', 'core-program', ['wioa-adult']),
      await given.partner('Job Center B', 'core-program', ['wioa-adult']),
    ];
    const service = async (partnerId: string) =>
      (
        await ledger.post(`/api/v1/partners/${partnerId}/services`, ledger.bootstrapToken, {
          name: 'Job search workshop',
          description: 'd',
          programs: ['wioa-adult'],
          languages: ['en'],
        })
      ).body.serviceId as string;
    const [serviceA, serviceB] = [await service(a), await service(b)];
    await given.agreement(
      [w2, a, b],
      [
        { from: w2, to: a },
        { from: w2, to: b },
      ],
      [
        { from: w2, to: a, categories: ['identity'] },
        { from: w2, to: b, categories: ['identity'] },
      ],
    );
    const customerId = await given.customer(fep.token);
    const consentId = await given.consent(fep.token, customerId, {
      recipients: [a, b],
      categories: ['identity'],
      obtainedBy: w2,
    });
    const refer = (toPartnerId: string, serviceId: string) =>
      ledger.post('/api/v1/referrals', fep.token, {
        customerId,
        fromPartnerId: w2,
        toPartnerId,
        serviceId,
        reason: 'job search',
        individualizedDetermination: 'asked for help finding work',
        consentId,
        sharedCategories: ['identity'],
        ...reason,
      });
    const [first, second] = [await refer(a, serviceA), await refer(b, serviceB)];
    expect([first.status, second.status]).toEqual([201, 201]);
    expect((await findings('referral')).map((f) => f.subjectIds)).toContainEqual(
      [first.body.id, second.body.id].sort(),
    );
  });

  it('pages and answers CSV', async () => {
    const first = await ledger.get('/api/v1/duplicates?limit=1', analyst.token);
    expect(first.body.items).toHaveLength(1);
    const csv = await ledger.get('/api/v1/duplicates?limit=1', analyst.token).set('Accept', 'text/csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toContain('findingId');
    expect((await ledger.get('/api/v1/duplicates?kind=cousins', analyst.token)).status).toBe(400);
  });

  it('refuses asOf rather than answer the present to a question about the past', async () => {
    const answer = await ledger.get('/api/v1/duplicates?asOf=2026-01-01T00:00:00Z', analyst.token);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
    expect(answer.body.detail).toMatch(/view duplicates --as-of/);
    const record = await ledger.get(`/api/v1/partners/${w2}?asOf=1`, analyst.token);
    expect(record.status).toBe(400);
    expect(record.body.detail).toMatch(/audit\/streams\/\{stream\}\/state\?asOf=/);
  });
});
