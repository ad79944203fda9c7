import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { EventStore } from '@ledger/event-sourcing';
import { LedgerTestApp } from './support/ledger-test-app';

describe('accounts: requests and activation', () => {
  let ledger: LedgerTestApp;
  let w2: string;
  let tj: string;
  let other: string;

  async function active(body: object, by = ledger.bootstrapToken): Promise<{ id: string; token: string }> {
    const requested = await ledger.post('/api/v1/accounts', by, {
      email: `${randomUUID()}@a.example`,
      legalName: 'S',
      ...body,
    });
    expect(requested.status).toBe(201);
    expect(
      (await ledger.post(`/api/v1/accounts/${requested.body.id}/activation`, ledger.bootstrapToken)).status,
    ).toBe(200);
    return { id: requested.body.id, token: await ledger.tokenFor(requested.body.id) };
  }

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    const admin = ledger.bootstrapToken;
    w2 = (await ledger.post('/api/v1/partners', admin, { name: 'W-2', kind: 'w2-agency', programs: ['w2'] }))
      .body.id;
    tj = (
      await ledger.post('/api/v1/partners', admin, {
        name: 'TJ contractor',
        kind: 'core-program',
        programs: ['tj'],
      })
    ).body.id;
    other = (
      await ledger.post('/api/v1/partners', admin, { name: 'Other W-2', kind: 'w2-agency', programs: ['w2'] })
    ).body.id;
  });
  afterAll(() => ledger.stop());

  it('fits roles to the partner: a TJ worker belongs to a TJ contractor', async () => {
    expect(
      (
        await ledger.post('/api/v1/accounts', ledger.bootstrapToken, {
          legalName: 'T',
          email: 't@a.example',
          partnerId: tj,
          roles: ['tj-worker'],
        })
      ).status,
    ).toBe(201);
    const refused = await ledger.post('/api/v1/accounts', ledger.bootstrapToken, {
      legalName: 'T',
      email: 't@a.example',
      partnerId: w2,
      roles: ['tj-worker'],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ROLE_NOT_FOR_PARTNER');
    const w2Role = await ledger.post('/api/v1/accounts', ledger.bootstrapToken, {
      legalName: 'T',
      email: 't@a.example',
      partnerId: tj,
      roles: ['w2-fep'],
    });
    expect(w2Role.body.code).toBe('ROLE_NOT_FOR_PARTNER');
  });

  it('refuses FEP with supervisor, naming the rule', async () => {
    const refused = await ledger.post('/api/v1/accounts', ledger.bootstrapToken, {
      legalName: 'D',
      email: 'd@a.example',
      partnerId: w2,
      roles: ['w2-fep', 'w2-case-management-supervisor'],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('FEP_WITH_SUPERVISOR');
  });

  it('lets a supervisor request accounts for its own partner only', async () => {
    const supervisor = await active({ partnerId: w2, roles: ['w2-case-management-supervisor'] });
    const own = await ledger.post('/api/v1/accounts', supervisor.token, {
      legalName: 'F',
      email: 'f@a.example',
      partnerId: w2,
      roles: ['w2-fep'],
    });
    expect(own.status).toBe(201);
    const foreign = await ledger.post('/api/v1/accounts', supervisor.token, {
      legalName: 'F',
      email: 'f@a.example',
      partnerId: other,
      roles: ['w2-fep'],
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('WRONG_PARTNER');
    // Only a security officer activates.
    expect((await ledger.post(`/api/v1/accounts/${own.body.id}/activation`, supervisor.token)).status).toBe(
      403,
    );
  });

  it('never lets anyone authorise a change to their own account', async () => {
    const officer = await active({ roles: ['security-officer'] });
    const refused = await ledger.post(`/api/v1/accounts/${officer.id}/activation`, officer.token);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('SELF_AUTHORISATION');
  });

  it('keeps a security officer with a partner to that partner’s accounts', async () => {
    const officer = await active({ partnerId: w2, roles: ['security-officer'] });
    const foreign = await ledger.post('/api/v1/accounts', ledger.bootstrapToken, {
      legalName: 'X',
      email: 'x@a.example',
      partnerId: other,
      roles: ['w2-fep'],
    });
    const refused = await ledger.post(`/api/v1/accounts/${foreign.body.id}/activation`, officer.token);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('WRONG_PARTNER');
  });

  it('reads an account back: one’s own, or any for a security officer', async () => {
    const fep = await active({ partnerId: w2, roles: ['w2-fep'] });
    const own = await ledger.get(`/api/v1/accounts/${fep.id}`, fep.token);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ status: 'active', roles: ['w2-fep'], partnerId: w2 });
    expect(own.headers.etag).toBe('"2"'); // requested, activated, and today's AccountActive
    const officer = await active({ roles: ['security-officer'] });
    expect((await ledger.get(`/api/v1/accounts/${officer.id}`, fep.token)).status).toBe(403);
  });
});

describe('agreements signed by each party', () => {
  let ledger: LedgerTestApp;
  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
  });
  afterAll(() => ledger.stop());

  it('is in effect once every party’s administrator has signed; a non-party gets WRONG_PARTNER', async () => {
    const admin = ledger.bootstrapToken;
    const ids = await Promise.all(
      ['A', 'B', 'C'].map(
        async (name) =>
          (await ledger.post('/api/v1/partners', admin, { name, kind: 'community', programs: [] })).body.id,
      ),
    );
    const adminOf = async (partnerId: string) => {
      const r = await ledger.post('/api/v1/accounts', admin, {
        legalName: 'Adm',
        email: 'adm@a.example',
        partnerId,
        roles: ['partner-administrator'],
      });
      await ledger.post(`/api/v1/accounts/${r.body.id}/activation`, admin);
      return ledger.tokenFor(r.body.id);
    };
    const [a, b, c] = await Promise.all(ids.map(adminOf));
    const recorded = await ledger.post('/api/v1/agreements', a, {
      title: 'A-B',
      parties: [ids[0], ids[1]],
      referrals: [{ from: ids[0], to: ids[1] }],
      dataSharing: [],
      effectiveFrom: '2026-01-01',
      effectiveTo: '2027-01-01',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body.revision).toBe(0);
    expect((await ledger.post(`/api/v1/agreements/${recorded.body.id}/signatures`, a)).body.revision).toBe(1);
    const outsider = await ledger.post(`/api/v1/agreements/${recorded.body.id}/signatures`, c);
    expect(outsider.status).toBe(403);
    expect(outsider.body.code).toBe('WRONG_PARTNER');
    expect((await ledger.post(`/api/v1/agreements/${recorded.body.id}/signatures`, b)).body.revision).toBe(2);
    const read = await ledger.get(`/api/v1/agreements/${recorded.body.id}`, b);
    expect(read.body.signedBy.sort()).toEqual([ids[0], ids[1]].sort());
  });
});

describe('the account lifecycle', () => {
  let ledger: LedgerTestApp;
  let w2: string;
  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    w2 = (
      await ledger.post('/api/v1/partners', ledger.bootstrapToken, {
        name: 'W-2',
        kind: 'w2-agency',
        programs: ['w2', 'tj'],
      })
    ).body.id;
  });
  afterAll(() => ledger.stop());

  async function fep() {
    const r = await ledger.post('/api/v1/accounts', ledger.bootstrapToken, {
      legalName: 'Dana',
      partnerId: w2,
      email: 'd@a.example',
      roles: ['w2-fep'],
    });
    await ledger.post(`/api/v1/accounts/${r.body.id}/activation`, ledger.bootstrapToken);
    return { id: r.body.id as string, token: await ledger.tokenFor(r.body.id) };
  }
  const change = (id: string, route: string, body: object) =>
    ledger.post(`/api/v1/accounts/${id}/${route}`, ledger.bootstrapToken, body);

  it('refuses a terminated account’s still-valid token from the next request on', async () => {
    const dana = await fep();
    expect((await ledger.get('/api/v1/directory', dana.token)).status).toBe(200);
    expect((await change(dana.id, 'departure', { departedAt: new Date().toISOString() })).status).toBe(200);
    expect((await change(dana.id, 'termination', { reason: 'left the agency' })).status).toBe(200);
    const refused = await ledger.get('/api/v1/directory', dana.token);
    expect(refused.status).toBe(403);
    expect((await change(dana.id, 'reenable', { reason: 'oops' })).body.code).toBe('ACCOUNT_TERMINATED');
  });

  it('disables and re-enables, changes roles and legal name, and records reviews', async () => {
    const dana = await fep();
    expect((await change(dana.id, 'disable', { reason: 'leave of absence' })).status).toBe(200);
    expect((await ledger.get('/api/v1/directory', dana.token)).status).toBe(403);
    expect((await change(dana.id, 'disable', { reason: 'again' })).body.code).toBe('TRANSITION_NOT_ALLOWED');
    expect((await change(dana.id, 'reenable', { reason: 'back' })).status).toBe(200);
    expect((await ledger.get('/api/v1/directory', dana.token)).status).toBe(200);
    expect((await change(dana.id, 'roles', { roles: ['w2-fep', 'tj-worker'] })).status).toBe(200);
    expect(
      (await change(dana.id, 'roles', { roles: ['w2-fep', 'w2-case-management-supervisor'] })).body.code,
    ).toBe('FEP_WITH_SUPERVISOR');
    expect((await change(dana.id, 'roles', { roles: ['a', 'b', 'c'] })).status).toBe(400);
    expect((await change(dana.id, 'name', { legalName: 'Dana Smith-Jones' })).status).toBe(200);
    expect((await change(dana.id, 'reviews', { decision: 'keep', notes: 'still needed' })).status).toBe(200);
    const reviewed = await change(dana.id, 'reviews', { decision: 'disable' });
    expect(reviewed.body.revision).toBe(9); // one more for the AccountActive of Dana's first request
    const read = await ledger.get(`/api/v1/accounts/${dana.id}`, ledger.bootstrapToken);
    expect(read.body).toMatchObject({
      status: 'disabled',
      roles: ['w2-fep', 'tj-worker'],
      legalName: 'Dana Smith-Jones',
    });
  });

  it('never lets a security officer change their own account', async () => {
    const me = await ledger.get(
      '/api/v1/accounts/00000000-0000-4000-8000-000000000000',
      ledger.bootstrapToken,
    );
    expect(me.status).toBe(404);
    const officer = await ledger.post('/api/v1/accounts', ledger.bootstrapToken, {
      legalName: 'O',
      email: 'o@a.example',
      roles: ['security-officer'],
    });
    await ledger.post(`/api/v1/accounts/${officer.body.id}/activation`, ledger.bootstrapToken);
    const token = await ledger.tokenFor(officer.body.id);
    const own = await ledger.post(`/api/v1/accounts/${officer.body.id}/disable`, token, { reason: 'x' });
    expect(own.body.code).toBe('SELF_AUTHORISATION');
  });
});

describe('inactivity: AccountActive once a day, and the sweep', () => {
  let ledger: LedgerTestApp;
  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
  });
  afterAll(() => ledger.stop());

  const cli = (...args: string[]) =>
    execFileSync(
      process.execPath,
      [join(__dirname, '..', 'dist', 'apps', 'ledger-cli', 'src', 'main.js'), ...args],
      {
        env: { ...process.env, LEDGER_DATA_DIR: ledger.dataDir },
      },
    ).toString();

  it('records one AccountActive a day however many requests, then flags at six months and disables after the grace', async () => {
    const w2 = (
      await ledger.post('/api/v1/partners', ledger.bootstrapToken, {
        name: 'W',
        kind: 'w2-agency',
        programs: ['w2'],
      })
    ).body.id;
    const r = await ledger.post('/api/v1/accounts', ledger.bootstrapToken, {
      legalName: 'Idle',
      partnerId: w2,
      email: 'i@a.example',
      roles: ['w2-fep'],
    });
    await ledger.post(`/api/v1/accounts/${r.body.id}/activation`, ledger.bootstrapToken);
    const token = await ledger.tokenFor(r.body.id);
    for (let i = 0; i < 3; i++) expect((await ledger.get('/api/v1/directory', token)).status).toBe(200);
    const stream = await ledger.app.get(EventStore).readStream(`account-${r.body.id}`);
    expect(stream.filter((e) => e.type === 'AccountActive')).toHaveLength(1);

    const inSevenMonths = new Date(Date.now() + 212 * 86_400_000).toISOString();
    const flagged = cli('accounts', 'sweep', '--now', inSevenMonths);
    expect(flagged).toContain(`inactive ${r.body.id}`);
    expect(flagged).not.toContain(`disabled ${r.body.id}`);

    const inNineMonths = new Date(Date.now() + 275 * 86_400_000).toISOString();
    expect(cli('accounts', 'sweep', '--now', inNineMonths, '--dry-run')).toContain(
      `would disable ${r.body.id}`,
    );
    expect(cli('accounts', 'sweep', '--now', inNineMonths)).toContain(`disabled ${r.body.id}`);
    const after = await ledger.app.get(EventStore).readStream(`account-${r.body.id}`);
    expect(after.at(-1)).toMatchObject({
      type: 'AccountDisabled',
      metadata: { actor: { accountId: 'system' } },
    });
    // The bootstrap security officer, inactive as long, is the last one: kept.
    const last = cli('accounts', 'sweep', '--now', inNineMonths);
    expect(last).not.toMatch(/^disabled /m);
    expect(last).toMatch(/^kept .*the last active security officer/m);
  });
});
