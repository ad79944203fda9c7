import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { LedgerTestApp } from './support/ledger-test-app';

describe('authentication from the first request', () => {
  let ledger: LedgerTestApp;
  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
  });
  afterAll(() => ledger.stop());

  it('writes the bootstrap token once, readable by its owner only', () => {
    const file = join(ledger.dataDir, 'bootstrap-token');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(ledger.bootstrapToken);
  });

  it('publishes OpenAPI at /api/docs without a token, with body schemas from the validation rules', async () => {
    expect((await ledger.http.get('/api/docs')).status).toBe(200);
    const { body } = await ledger.http.get('/api/docs-json');
    expect(body.paths['/api/v1/partners'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/RegisterPartnerDto',
    });
    expect(body.components.schemas.RegisterPartnerDto.properties.kind.enum).toContain('w2-agency');
    expect(body.components.schemas.RegisterCustomerDto.required).toEqual(
      expect.arrayContaining(['firstName', 'dateOfBirth']),
    );
  });

  it('answers /health and /metrics without a token', async () => {
    expect((await ledger.http.get('/health')).body).toMatchObject({ status: 'ok' });
    expect((await ledger.http.get('/metrics')).text).toContain('ledger_http_requests_total');
  });

  it.each([
    ['no token', undefined],
    ['a malformed token', 'Bearer not.a.jwt'],
    ['another scheme', `Basic dXNlcjpwYXNz`],
  ])('refuses %s with 401 problem+json', async (_name, header) => {
    const call = ledger.http.get('/api/v1/directory');
    const response = await (header ? call.set('Authorization', header) : call);
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses a token signed with another key, or expired', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('x')
      .setIssuer('ledger')
      .setAudience('ledger-api')
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await ledger.get('/api/v1/directory', forged)).status).toBe(401);
    const expired = await ledger.tokenFor('00000000-0000-4000-8000-000000000000', -60);
    expect((await ledger.get('/api/v1/directory', expired)).status).toBe(401);
  });

  it('refuses a valid token of an account that is not active with 403', async () => {
    const requested = await ledger.post('/api/v1/accounts', ledger.bootstrapToken, {
      legalName: 'Pat Auditor',
      email: 'pat@state.example',
      roles: ['auditor'],
    });
    expect(requested.status).toBe(201);
    const token = await ledger.tokenFor(requested.body.id);
    const refused = await ledger.get('/api/v1/directory', token);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ACCOUNT_NOT_ACTIVE');

    expect(
      (await ledger.post(`/api/v1/accounts/${requested.body.id}/activation`, ledger.bootstrapToken)).status,
    ).toBe(200);
    expect((await ledger.get('/api/v1/directory', token)).status).toBe(200);
  });

  it('refuses a route the roles do not grant with 403', async () => {
    const requested = await ledger.post('/api/v1/accounts', ledger.bootstrapToken, {
      legalName: 'Ana Analyst',
      email: 'ana@state.example',
      roles: ['analyst'],
    });
    await ledger.post(`/api/v1/accounts/${requested.body.id}/activation`, ledger.bootstrapToken);
    const token = await ledger.tokenFor(requested.body.id);
    const refused = await ledger.post('/api/v1/partners', token, {
      name: 'X',
      kind: 'community',
      programs: [],
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('PERMISSION_DENIED');
  });

  it('accepts a token printed by `npm run cli -- token issue`', async () => {
    const requested = await ledger.post('/api/v1/accounts', ledger.bootstrapToken, {
      legalName: 'Cli User',
      email: 'cli@state.example',
      roles: ['auditor'],
    });
    await ledger.post(`/api/v1/accounts/${requested.body.id}/activation`, ledger.bootstrapToken);
    const cli = join(__dirname, '..', 'dist', 'apps', 'ledger-cli', 'src', 'main.js');
    const printed = execFileSync(
      process.execPath,
      [cli, 'token', 'issue', '--account', requested.body.id, '--ttl', '5m'],
      {
        env: { ...process.env, LEDGER_DATA_DIR: ledger.dataDir },
      },
    ).toString();
    expect(printed.trim().split('\n')).toHaveLength(1);
    expect((await ledger.get('/api/v1/directory', printed.trim())).status).toBe(200);
  });

  it('requires a work reason on reads of records', async () => {
    const me = await ledger.http
      .get('/api/v1/accounts/00000000-0000-4000-8000-000000000000')
      .set('Authorization', `Bearer ${ledger.bootstrapToken}`);
    expect(me.status).toBe(400);
    expect(me.body.errors).toEqual([{ field: 'X-Work-Reason', message: 'a work reason is required' }]);
  });
});
