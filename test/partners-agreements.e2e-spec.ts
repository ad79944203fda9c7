import { randomUUID } from 'node:crypto';
import { LedgerTestApp } from './support/ledger-test-app';

describe('partners and agreements over HTTP', () => {
  let ledger: LedgerTestApp;
  let admin: string;
  const partner = (name: string, kind = 'w2-agency', programs = ['w2']) =>
    ledger.post('/api/v1/partners', admin, { name, kind, programs });

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    admin = ledger.bootstrapToken;
  });
  afterAll(() => ledger.stop());

  it('registers a partner and reads it back with its revision as ETag', async () => {
    const created = await partner('Milwaukee W-2 Agency', 'w2-agency', ['w2', 'tj']);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      revision: 0,
      position: expect.any(String),
      warnings: [],
    });
    const read = await ledger.get(`/api/v1/partners/${created.body.id}`, admin);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"0"');
    expect(read.body).toMatchObject({
      name: 'Milwaukee W-2 Agency',
      kind: 'w2-agency',
      programs: ['w2', 'tj'],
      active: true,
    });
  });

  it('lists, changes and withdraws services in the directory', async () => {
    const { body: p } = await partner('DVR', 'required-partner', ['vocational-rehabilitation']);
    const listed = await ledger.post(`/api/v1/partners/${p.id}/services`, admin, {
      name: 'Job coaching',
      description: 'One to one coaching',
      programs: ['vocational-rehabilitation'],
      languages: ['en', 'es'],
      address: { line1: '1 Main St', city: 'Milwaukee', state: 'WI', postalCode: '53202' },
    });
    expect(listed.status).toBe(201);
    expect(listed.body.serviceId).toEqual(expect.any(String));
    const changed = await ledger.post(
      `/api/v1/partners/${p.id}/services/${listed.body.serviceId}/changes`,
      admin,
      {
        description: 'Coaching and placement',
      },
    );
    expect(changed.status).toBe(200);
    let directory = await ledger.http.get('/api/v1/directory').set('Authorization', `Bearer ${admin}`);
    const entry = directory.body.items.find((i: { partnerId: string }) => i.partnerId === p.id);
    expect(entry.services).toEqual([
      expect.objectContaining({ name: 'Job coaching', description: 'Coaching and placement' }),
    ]);

    await ledger.post(`/api/v1/partners/${p.id}/services/${listed.body.serviceId}/withdrawal`, admin, {
      reason: 'ended',
    });
    directory = await ledger.http.get('/api/v1/directory').set('Authorization', `Bearer ${admin}`);
    expect(directory.body.items.find((i: { partnerId: string }) => i.partnerId === p.id).services).toEqual(
      [],
    );
    const again = await ledger.post(
      `/api/v1/partners/${p.id}/services/${listed.body.serviceId}/changes`,
      admin,
      { name: 'x' },
    );
    expect(again.body.code).toBe('SERVICE_WITHDRAWN');
  });

  it('changes programs, deactivates, and refuses changes to a deactivated partner', async () => {
    const { body: p } = await partner('Community org', 'community', ['community-services']);
    expect(
      (await ledger.post(`/api/v1/partners/${p.id}/programs`, admin, { programs: ['snap'] })).body.revision,
    ).toBe(1);
    expect(
      (await ledger.post(`/api/v1/partners/${p.id}/deactivation`, admin, { reason: 'closed' })).status,
    ).toBe(200);
    const refused = await ledger.post(`/api/v1/partners/${p.id}/programs`, admin, { programs: ['w2'] });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('PARTNER_INACTIVE');
    expect(
      (await ledger.post(`/api/v1/partners/${randomUUID()}/programs`, admin, { programs: ['w2'] })).status,
    ).toBe(404);
  });

  it('records an agreement in effect at once when an administrator with no partner records it', async () => {
    const a = (await partner('W-2 A')).body.id;
    const b = (await partner('DVR B', 'required-partner', ['vocational-rehabilitation'])).body.id;
    const recorded = await ledger.post('/api/v1/agreements', admin, {
      title: 'W-2 / DVR cooperation',
      parties: [a, b],
      referrals: [{ from: a, to: b }],
      dataSharing: [{ from: a, to: b, categories: ['identity', 'assessment'] }],
      effectiveFrom: '2026-01-01',
      effectiveTo: '2027-12-31',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body.revision).toBe(1);
    const read = await ledger.get(`/api/v1/agreements/${recorded.body.id}`, admin);
    expect(read.body.signedBy.sort()).toEqual([a, b].sort());

    const amended = await ledger.post(`/api/v1/agreements/${recorded.body.id}/amendments`, admin, {
      effectiveTo: '2028-06-30',
      reason: 'extended',
    });
    expect(amended.status).toBe(200);
    const terminated = await ledger.post(`/api/v1/agreements/${recorded.body.id}/termination`, admin, {
      effectiveTo: '2026-12-31',
      reason: 'program ended',
    });
    expect(terminated.status).toBe(200);
    const signAgain = await ledger.post(`/api/v1/agreements/${recorded.body.id}/signatures`, admin);
    expect(signAgain.body.code).toBe('AGREEMENT_TERMINATED');
  });

  it.each([
    ['fewer than two parties', (a: string) => ({ parties: [a] }), 'parties'],
    [
      'dates that end before they start',
      () => ({ effectiveFrom: '2027-01-01', effectiveTo: '2026-01-01' }),
      'effectiveTo',
    ],
    [
      'a direction outside the parties',
      () => ({ referrals: [{ from: randomUUID(), to: randomUUID() }] }),
      'referrals[0]',
    ],
  ])('refuses an agreement with %s (400 naming the field)', async (_name, change, field) => {
    const a = (await partner('P1')).body.id;
    const b = (await partner('P2', 'community', [])).body.id;
    const before = await ledger.headPosition();
    const response = await ledger.post('/api/v1/agreements', admin, {
      title: 'T',
      parties: [a, b],
      referrals: [],
      dataSharing: [],
      effectiveFrom: '2026-01-01',
      effectiveTo: '2027-01-01',
      ...change(a),
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await ledger.headPosition()).toBe(before);
  });

  it('refuses an agreement naming a partner that does not exist (409 PARTNER_NOT_FOUND)', async () => {
    const a = (await partner('P3')).body.id;
    const response = await ledger.post('/api/v1/agreements', admin, {
      title: 'T',
      parties: [a, randomUUID()],
      referrals: [],
      dataSharing: [],
      effectiveFrom: '2026-01-01',
      effectiveTo: '2027-01-01',
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('PARTNER_NOT_FOUND');
  });

  it('replays an Idempotency-Key with the first answer and refuses it for another request (422)', async () => {
    const key = randomUUID();
    const body = { name: 'Idempotent partner', kind: 'community', programs: [] };
    const first = await ledger.post('/api/v1/partners', admin, body).set('Idempotency-Key', key);
    const head = await ledger.headPosition();
    const again = await ledger.post('/api/v1/partners', admin, body).set('Idempotency-Key', key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await ledger.headPosition()).toBe(head);
    const reused = await ledger
      .post('/api/v1/partners', admin, { ...body, name: 'Other' })
      .set('Idempotency-Key', key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('answers 412 to a stale If-Match and applies a current one', async () => {
    const { body: p } = await partner('Conditional');
    const stale = await ledger
      .post(`/api/v1/partners/${p.id}/programs`, admin, { programs: ['w2'] })
      .set('If-Match', '"5"');
    expect(stale.status).toBe(412);
    const current = await ledger
      .post(`/api/v1/partners/${p.id}/programs`, admin, { programs: ['w2'] })
      .set('If-Match', '"0"');
    expect(current.status).toBe(200);
  });
});
