import { LedgerTestApp } from './support/ledger-test-app';
import { Scenario } from './support/scenario';

type Staff = { id: string; token: string };

describe('views over HTTP: caseloads, the referral board and reports', () => {
  let ledger: LedgerTestApp;
  let given: Scenario;
  let w2: string;
  let dvr: string;
  let other: string;
  let fep: Staff;
  let fep2: Staff;
  let supervisor: Staff;
  let counselor: Staff;
  let stranger: Staff;
  let analyst: Staff;
  let auditor: Staff;
  let customers = 0;

  const post = (path: string, token: string, body: object) => given.command(path, token, body);
  const read = (path: string, token: string) => ledger.get(path, token);
  async function customerWithConsent() {
    const n = customers++;
    const customerId = await given.customer(fep.token, {
      firstName: `Ana${'x'.repeat(n)}`,
      lastName: `Q${n}z`,
      dateOfBirth: `19${50 + n}-02-03`,
    });
    const consentId = await given.consent(fep.token, customerId, {
      recipients: [dvr],
      categories: ['identity'],
      obtainedBy: w2,
    });
    return { customerId, consentId };
  }
  const refer = (customerId: string, consentId: string) =>
    post('/api/v1/referrals', fep.token, {
      customerId,
      consentId,
      fromPartnerId: w2,
      toPartnerId: dvr,
      reason: 'needs coaching',
      individualizedDetermination: 'asked for it',
      sharedCategories: ['identity'],
    });

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    given = new Scenario(ledger);
    ({ w2, dvr, fep, counselor } = await given.w2ReferringToDvr());
    other = await given.partner('Other', 'community', ['community-services']);
    fep2 = await given.staff(w2, ['w2-fep']);
    supervisor = await given.staff(w2, ['w2-case-management-supervisor']);
    stranger = await given.staff(other, ['partner-case-manager']);
    analyst = await given.staff(null, ['analyst']);
    auditor = await given.staff(null, ['auditor']);
  });
  afterAll(() => ledger.stop());

  it("shows a new case in the worker's caseload once minPosition is reached, to them and their supervisor", async () => {
    const { customerId } = await customerWithConsent();
    const opened = await post('/api/v1/cases', fep.token, {
      customerId,
      partnerId: w2,
      program: 'w2',
      receivedAt: '2026-03-02T15:00:00Z',
      channel: 'in-person',
    });
    const own = await read(`/api/v1/caseloads/workers/${fep.id}?minPosition=${opened.position}`, fep.token);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      accountId: fep.id,
      cases: [
        {
          caseId: opened.id,
          customerId,
          customerName: null,
          program: 'w2',
          step: 'applied',
          nextDeadline: '2026-03-09',
        },
      ],
      overdue: [{ kind: 'case-step', id: opened.id, dueDate: '2026-03-09' }],
    });
    expect((await read(`/api/v1/caseloads/workers/${fep.id}`, supervisor.token)).body).toEqual(own.body);
    const partner = await read(
      `/api/v1/caseloads/partners/${w2}?minPosition=${opened.position}`,
      supervisor.token,
    );
    expect(partner.status).toBe(200);
    expect(partner.body.workers).toEqual([own.body]);

    expect((await read(`/api/v1/caseloads/workers/${fep2.id}`, fep.token)).status).toBe(403);
    const foreign = await read(`/api/v1/caseloads/workers/${counselor.id}`, supervisor.token);
    expect(foreign).toMatchObject({ status: 403, body: { code: 'WRONG_PARTNER' } });
    expect((await read(`/api/v1/caseloads/partners/${dvr}`, supervisor.token)).body.code).toBe(
      'WRONG_PARTNER',
    );
    expect((await read(`/api/v1/caseloads/partners/${w2}`, fep.token)).status).toBe(403);
    const noReason = await ledger.http
      .get(`/api/v1/caseloads/workers/${fep.id}`)
      .set('Authorization', `Bearer ${fep.token}`);
    expect(noReason.status).toBe(400);
  });

  it('puts referrals on the board for both sides, flags revoked consents, and keeps other partners out', async () => {
    const { customerId, consentId } = await customerWithConsent();
    const made = await refer(customerId, consentId);
    const revoked = await post(
      `/api/v1/customers/${customerId}/consents/${consentId}/revocation`,
      fep.token,
      { reason: 'asked' },
    );
    const board = (token: string) =>
      read(`/api/v1/referrals?minPosition=${revoked.position}&partnerId=${dvr}`, token);

    const sender = await board(fep.token);
    expect(sender.status).toBe(200);
    const item = sender.body.items.find((i: { referralId: string }) => i.referralId === made.id);
    expect(item).toMatchObject({
      customerId,
      fromPartnerId: w2,
      toPartnerId: dvr,
      status: 'requested',
      ageDays: 0,
      flags: ['CONSENT_REVOKED'],
    });
    expect((await board(counselor.token)).body.items).toContainEqual(item);
    expect((await board(auditor.token)).body.items).toContainEqual(item);
    expect((await board(stranger.token)).body.items).toEqual([]);
    const pseudonymous = (await board(analyst.token)).body.items.find(
      (i: { referralId: string }) => i.referralId === made.id,
    );
    expect(pseudonymous.customerId).toMatch(/^p-[0-9a-f]{32}$/);

    const outgoing = await read(
      `/api/v1/caseloads/workers/${fep.id}?minPosition=${made.position}`,
      fep.token,
    );
    expect(outgoing.body.referralsOut).toContainEqual({
      referralId: made.id,
      customerId,
      fromPartnerId: w2,
      toPartnerId: dvr,
      status: 'requested',
      ageDays: 0,
    });
    const incoming = await read(`/api/v1/caseloads/partners/${dvr}`, counselor.token);
    expect(incoming.status).toBe(403); // a caseworker has no caseloads:partner
  });

  it('pages the board with cursors and answers CSV with a Link to the next page', async () => {
    let last = '';
    for (let i = 0; i < 3; i++) {
      const { customerId, consentId } = await customerWithConsent();
      last = (await refer(customerId, consentId)).position;
    }
    const first = await read(`/api/v1/referrals?limit=2&minPosition=${last}`, fep.token);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.headers.link).toBe(
      `</api/v1/referrals?limit=2&minPosition=${last}&cursor=${first.body.nextCursor}>; rel="next"`,
    );
    const seen = [...first.body.items];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const page = await read(`/api/v1/referrals?limit=2&cursor=${cursor}`, fep.token);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    const all = (await read('/api/v1/referrals?limit=1000', fep.token)).body;
    expect(all.nextCursor).toBeUndefined();
    expect(seen).toEqual(all.items);

    const csv = await read('/api/v1/referrals?limit=2', fep.token).set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'referralId,customerId,fromPartnerId,toPartnerId,serviceId,status,outcome,madeAt,acceptedAt,closedAt,ageDays,flags',
    );
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(
      first.body.items.map((i: { referralId: string }) => i.referralId),
    );
    expect(csv.headers.link).toContain(`cursor=${first.body.nextCursor}`);
  });

  it('refuses bad list parameters with 400 naming them, and answers 503 when minPosition is not reached', async () => {
    const bad = async (query: string, field: string) => {
      const response = await read(`/api/v1/referrals?${query}`, fep.token);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await bad('limit=0', 'limit');
    await bad('limit=1001', 'limit');
    await bad('status=lost', 'status');
    await bad('partnerId=nope', 'partnerId');
    await bad('customerId=nope', 'customerId');
    await bad('olderThanDays=-1', 'olderThanDays');
    await bad('colour=blue', 'colour');
    await bad('cursor=bm90IG91cnM', 'cursor');
    await bad('minPosition=ten', 'minPosition');
    const head = Number(await ledger.headPosition());
    const late = await read(`/api/v1/referrals?minPosition=${head + 100_000}`, fep.token);
    expect(late.status).toBe(503);
    expect(late.headers['retry-after']).toBeDefined();
    expect(late.body.code).toBe('VIEWS_BEHIND');
  });

  it('reports referral figures, timeliness and service integration, scoped to the partner unless analyst', async () => {
    const { customerId, consentId } = await customerWithConsent();
    const made = await refer(customerId, consentId);
    const accepted = await post(`/api/v1/referrals/${made.id}/acceptance`, counselor.token, {});
    const opened = await post('/api/v1/cases', fep.token, {
      customerId,
      partnerId: w2,
      program: 'w2',
      receivedAt: '2026-03-02T15:00:00Z',
      channel: 'in-person',
    });
    const interview = await post(`/api/v1/cases/${opened.id}/interviews`, fep.token, {
      scheduledFor: '2026-03-09T15:00:00Z',
    });
    const report = (path: string, token: string) =>
      ledger.http.get(`/api/v1/reports/${path}`).set('Authorization', `Bearer ${token}`); // no X-Work-Reason needed

    const referrals = await report(`referrals?minPosition=${accepted.position}`, analyst.token);
    expect(referrals.status).toBe(200);
    const pair = referrals.body.pairs.find((p: { toPartnerId: string }) => p.toPartnerId === dvr);
    expect(pair).toMatchObject({
      fromPartnerId: w2,
      timeToAccept: { measured: 1 },
      byStatus: { accepted: 1 },
    });
    expect((await report(`referrals?partnerId=${dvr}`, supervisor.token)).body.code).toBe('WRONG_PARTNER');
    expect((await report('referrals', supervisor.token)).body.pairs).toHaveLength(1);
    expect((await report('referrals?from=2026-03-10&to=2026-03-01', analyst.token)).status).toBe(400);

    const timeliness = await report(
      `timeliness?program=w2&minPosition=${interview.position}`,
      supervisor.token,
    );
    expect(timeliness.status).toBe(200);
    expect(timeliness.body.standards).toContainEqual(
      expect.objectContaining({
        standard: 'w2-interview-5-working-days',
        partnerId: w2,
        program: 'w2',
        onTime: 1,
        p50Days: 5,
      }),
    );
    const integration = await report(`service-integration?minPosition=${interview.position}`, auditor.token);
    expect(integration.status).toBe(200);
    expect(integration.body).toMatchObject({
      customers: customers,
      assessmentsReused: 0,
      feedbackReceived: 0,
    });
    expect(integration.body.singleCommonIntakeShare).toBe(1);
    expect((await report('service-integration', fep.token)).status).toBe(403);
  });

  it('shows the views and their lag on /health and /metrics', async () => {
    const health = await ledger.http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.projections).toEqual([
      expect.objectContaining({ name: 'ledger_views', state: 'live', eventsBehind: expect.any(Number) }),
    ]);
    const metrics = await ledger.http.get('/metrics');
    expect(metrics.text).toContain('ledger_projection_events_behind{projection="ledger_views"}');
  });
});
