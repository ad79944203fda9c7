import { randomUUID } from 'node:crypto';
import { LedgerTestApp } from './support/ledger-test-app';

/**
 * Malformed requests across the routes: each gets a 4xx problem+json that names the problem, and the
 * store's last global position is unchanged afterwards.
 */
describe('bad input never changes the ledger', () => {
  let ledger: LedgerTestApp;
  let partnerId: string;
  let agreementId: string;
  let accountId: string;
  const big = 'x'.repeat(1024 * 1024);

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    const admin = ledger.bootstrapToken;
    partnerId = (
      await ledger.post('/api/v1/partners', admin, { name: 'P', kind: 'w2-agency', programs: ['w2'] })
    ).body.id;
    const other = (
      await ledger.post('/api/v1/partners', admin, { name: 'Q', kind: 'community', programs: [] })
    ).body.id;
    agreementId = (
      await ledger.post('/api/v1/agreements', admin, {
        title: 'T',
        parties: [partnerId, other],
        referrals: [],
        dataSharing: [],
        effectiveFrom: '2026-01-01',
        effectiveTo: '2027-01-01',
      })
    ).body.id;
    accountId = (
      await ledger.post('/api/v1/accounts', admin, {
        legalName: 'A',
        partnerId,
        email: 'a@x.example',
        roles: ['w2-fep'],
      })
    ).body.id;
  });
  afterAll(() => ledger.stop());

  const agreement = (change: object) => ({
    title: 'T',
    parties: [partnerId, randomUUID()],
    referrals: [],
    dataSharing: [],
    effectiveFrom: '2026-01-01',
    effectiveTo: '2027-01-01',
    ...change,
  });
  const account = (change: object) => ({
    legalName: 'B',
    partnerId,
    email: 'b@x.example',
    roles: ['w2-fep'],
    ...change,
  });
  const partner = (change: object) => ({ name: 'N', kind: 'community', programs: [], ...change });

  const cases: [string, string, () => unknown, number, string][] = [
    ['partner without name', '/api/v1/partners', () => partner({ name: undefined }), 400, 'name'],
    ['partner with empty name', '/api/v1/partners', () => partner({ name: '' }), 400, 'name'],
    ['partner with unknown kind', '/api/v1/partners', () => partner({ kind: 'bank' }), 400, 'kind'],
    [
      'partner with unknown program',
      '/api/v1/partners',
      () => partner({ programs: ['casino'] }),
      400,
      'programs',
    ],
    [
      'partner with programs not a list',
      '/api/v1/partners',
      () => partner({ programs: 'w2' }),
      400,
      'programs',
    ],
    ['partner with an extra field', '/api/v1/partners', () => partner({ admin: true }), 400, 'admin'],
    ['partner with a bad id', '/api/v1/partners', () => partner({ partnerId: 'abc' }), 400, 'partnerId'],
    ['partner with name a number', '/api/v1/partners', () => partner({ name: 42 }), 400, 'name'],
    [
      'partner with a bad occurredAt',
      '/api/v1/partners',
      () => partner({ occurredAt: '2026-13-45' }),
      400,
      'occurredAt',
    ],
    [
      'partner with occurredAt without offset',
      '/api/v1/partners',
      () => partner({ occurredAt: '2026-03-02T10:00:00' }),
      400,
      'occurredAt',
    ],
    ['partner with a 1 MB name', '/api/v1/partners', () => partner({ name: big }), 413, ''],
    [
      'service without programs',
      '/api/v1/partners/:p/services',
      () => ({ name: 'S', description: 'd', languages: [] }),
      400,
      'programs',
    ],
    [
      'service with a bad language',
      '/api/v1/partners/:p/services',
      () => ({ name: 'S', description: 'd', programs: ['w2'], languages: ['English'] }),
      400,
      'languages',
    ],
    [
      'service with a bad postal code',
      '/api/v1/partners/:p/services',
      () => ({
        name: 'S',
        description: 'd',
        programs: ['w2'],
        languages: [],
        address: { line1: 'a', city: 'b', state: 'WI', postalCode: 'x' },
      }),
      400,
      'address.postalCode',
    ],
    [
      'service with a bad state',
      '/api/v1/partners/:p/services',
      () => ({
        name: 'S',
        description: 'd',
        programs: ['w2'],
        languages: [],
        address: { line1: 'a', city: 'b', state: 'Wisconsin', postalCode: '53202' },
      }),
      400,
      'address.state',
    ],
    [
      'service change of an unknown service',
      `/api/v1/partners/:p/services/${randomUUID()}/changes`,
      () => ({ name: 'x' }),
      404,
      '',
    ],
    [
      'service path id not a UUID',
      '/api/v1/partners/:p/services/nope/changes',
      () => ({ name: 'x' }),
      400,
      'serviceId',
    ],
    [
      'withdrawal without reason',
      `/api/v1/partners/:p/services/${randomUUID()}/withdrawal`,
      () => ({}),
      400,
      'reason',
    ],
    [
      'programs of an unknown partner',
      `/api/v1/partners/${randomUUID()}/programs`,
      () => ({ programs: [] }),
      404,
      '',
    ],
    ['partner path id not a UUID', '/api/v1/partners/123/programs', () => ({ programs: [] }), 400, 'id'],
    [
      'deactivation with a blank reason',
      '/api/v1/partners/:p/deactivation',
      () => ({ reason: '' }),
      400,
      'reason',
    ],
    [
      'agreement with one party',
      '/api/v1/agreements',
      () => agreement({ parties: [partnerId] }),
      400,
      'parties',
    ],
    [
      'agreement with parties not UUIDs',
      '/api/v1/agreements',
      () => agreement({ parties: ['a', 'b'] }),
      400,
      'parties',
    ],
    [
      'agreement ending before it starts',
      '/api/v1/agreements',
      () => agreement({ effectiveTo: '2025-01-01' }),
      400,
      'effectiveTo',
    ],
    [
      'agreement with an impossible date',
      '/api/v1/agreements',
      () => agreement({ effectiveFrom: '2026-02-30' }),
      400,
      'effectiveFrom',
    ],
    [
      'agreement with a timestamp for a date',
      '/api/v1/agreements',
      () => agreement({ effectiveFrom: '2026-01-01T00:00:00Z' }),
      400,
      'effectiveFrom',
    ],
    [
      'agreement with an unknown category',
      '/api/v1/agreements',
      () => agreement({ dataSharing: [{ from: partnerId, to: partnerId, categories: ['dna'] }] }),
      400,
      'dataSharing.0.categories',
    ],
    [
      'agreement direction missing to',
      '/api/v1/agreements',
      () => agreement({ referrals: [{ from: partnerId }] }),
      400,
      'referrals.0.to',
    ],
    ['agreement without title', '/api/v1/agreements', () => agreement({ title: undefined }), 400, 'title'],
    ['agreement naming an unknown partner', '/api/v1/agreements', () => agreement({}), 409, ''],
    ['amendment without reason', '/api/v1/agreements/:a/amendments', () => ({ title: 'x' }), 400, 'reason'],
    [
      'termination without a date',
      '/api/v1/agreements/:a/termination',
      () => ({ reason: 'r' }),
      400,
      'effectiveTo',
    ],
    [
      'signature of an unknown agreement',
      `/api/v1/agreements/${randomUUID()}/signatures`,
      () => ({}),
      404,
      '',
    ],
    [
      'account with three roles',
      '/api/v1/accounts',
      () => account({ roles: ['w2-fep', 'tj-worker', 'auditor'] }),
      400,
      'roles',
    ],
    ['account with no role', '/api/v1/accounts', () => account({ roles: [] }), 400, 'roles'],
    ['account with an unknown role', '/api/v1/accounts', () => account({ roles: ['king'] }), 400, 'roles'],
    ['account with a bad e-mail', '/api/v1/accounts', () => account({ email: 'not-mail' }), 400, 'email'],
    [
      'account with FEP and supervisor',
      '/api/v1/accounts',
      () => account({ roles: ['w2-fep', 'w2-case-management-supervisor'] }),
      409,
      '',
    ],
    [
      'account with a role that does not fit',
      '/api/v1/accounts',
      () => account({ roles: ['cf-case-manager'] }),
      409,
      '',
    ],
    [
      'account of an unknown partner',
      '/api/v1/accounts',
      () => account({ partnerId: randomUUID() }),
      409,
      '',
    ],
    [
      'account without a partner for a partner role',
      '/api/v1/accounts',
      () => account({ partnerId: undefined }),
      400,
      'partnerId',
    ],
    ['activation of an unknown account', `/api/v1/accounts/${randomUUID()}/activation`, () => ({}), 404, ''],
    [
      'activation with an extra field',
      '/api/v1/accounts/:acc/activation',
      () => ({ force: true }),
      400,
      'force',
    ],
    [
      'a work reason that is a number',
      '/api/v1/partners',
      () => partner({ workReason: 7 }),
      400,
      'workReason',
    ],
  ];

  it.each(cases)('%s → %i', async (_name, path, body, status, field) => {
    const url = path.replace(':p', partnerId).replace(':a', agreementId).replace(':acc', accountId);
    const before = await ledger.headPosition();
    const response = await ledger.post(url, ledger.bootstrapToken, body());
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
    if (field) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    if (status === 409) expect(response.body.code).toEqual(expect.any(String));
    expect(await ledger.headPosition()).toBe(before);
  });

  it.each([
    ['malformed JSON', '{"name": "P",', 'application/json', 400],
    ['a JSON array', '[1,2]', 'application/json', 400],
    ['a wrong content type', 'name=P', 'text/plain', 415],
    ['an empty body', '', 'application/json', 400],
  ])('answers %s with a problem, never 500', async (_name, raw, type, status) => {
    const before = await ledger.headPosition();
    const response = await ledger.http
      .post('/api/v1/partners')
      .set('Authorization', `Bearer ${ledger.bootstrapToken}`)
      .set('Content-Type', type)
      .send(raw);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(await ledger.headPosition()).toBe(before);
  });
});
