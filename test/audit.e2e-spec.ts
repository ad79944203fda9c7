import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyBundle } from '@ledger/event-sourcing';
import { LedgerTestApp } from './support/ledger-test-app';
import { reason, Scenario } from './support/scenario';

describe('the auditor’s ledger over HTTP', () => {
  let ledger: LedgerTestApp;
  let given: Scenario;
  let auditor: { id: string; token: string };
  let fep: { id: string; token: string };
  let customerId: string;

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    given = new Scenario(ledger);
    const w2 = await given.partner('W-2', 'w2-agency', ['w2']);
    fep = await given.staff(w2, ['w2-fep']);
    auditor = await given.staff(null, ['auditor']);
    customerId = await given.customer(fep.token, { firstName: 'Ruth' });
  });
  afterAll(() => ledger.stop());

  it('shows a stream’s history with its metadata, personal fields opened for the auditor, and records the read', async () => {
    await ledger.post(`/api/v1/customers/${customerId}/corrections`, fep.token, {
      phone: '414-555-0100',
      reason: 'new phone',
      ...reason,
    });
    const history = await ledger.get(`/api/v1/audit/streams/customer-${customerId}`, auditor.token);
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual([
      'CustomerRegistered',
      'CustomerDetailsCorrected',
    ]);
    expect(history.body.items[0].data.personal).toMatchObject({ firstName: 'Ruth' });
    expect(history.body.items[1].metadata).toMatchObject({
      actor: { accountId: fep.id },
      workReason: reason.workReason,
      hash: expect.any(String),
    });
    const logged = (await ledger.accessEvents()).filter((e) => e.type === 'RecordAccessed').at(-1);
    expect(logged?.data).toMatchObject({ accountId: auditor.id, customerId });
    expect((await ledger.get(`/api/v1/audit/streams/customer-${customerId}`, fep.token)).status).toBe(403);
  });

  it('answers a record as it stood at a position', async () => {
    const partner = await ledger.post('/api/v1/partners', ledger.bootstrapToken, {
      name: 'Before',
      kind: 'community',
      programs: [],
    });
    await ledger.post(`/api/v1/partners/${partner.body.id}/programs`, ledger.bootstrapToken, {
      programs: ['snap'],
    });
    const then = await ledger.get(
      `/api/v1/audit/streams/partner-${partner.body.id}/state?asOf=${partner.body.position}`,
      auditor.token,
    );
    expect(then.body).toMatchObject({ revision: 0, state: { name: 'Before', programs: [] } });
    const now = await ledger.get(`/api/v1/audit/streams/partner-${partner.body.id}/state`, auditor.token);
    expect(now.body).toMatchObject({ revision: 1, state: { programs: ['snap'] } });
    expect(
      (await ledger.get(`/api/v1/audit/streams/partner-${partner.body.id}?asOf=soon`, auditor.token)).status,
    ).toBe(400);
  });

  it('verifies the ledger, proves one event, and exports a bundle that verifies offline and fails when edited', async () => {
    expect((await ledger.post('/api/v1/audit/verifications', auditor.token, {})).body).toMatchObject({
      intact: true,
    });
    const proof = await ledger.get(`/api/v1/audit/streams/customer-${customerId}/0/proof`, auditor.token);
    expect(proof.status).toBe(200);
    const keys = await ledger.http
      .get('/api/v1/audit/public-key')
      .set('Authorization', `Bearer ${auditor.token}`);
    expect(keys.body.keys[0]).toMatchObject({ algorithm: 'Ed25519', keyId: expect.any(String) });

    const bundle = await ledger.get(`/api/v1/audit/exports/customer-${customerId}`, auditor.token);
    expect(await verifyBundle(bundle.body)).toMatchObject({ intact: true });
    const file = join(ledger.dataDir, 'bundle.json');
    writeFileSync(file, JSON.stringify(bundle.body));
    const cli = join(__dirname, '..', 'dist', 'apps', 'ledger-cli', 'src', 'main.js');
    expect(execFileSync(process.execPath, [cli, 'verify-bundle', file]).toString()).toContain('intact');
    writeFileSync(file, JSON.stringify(bundle.body).replace('"revision":0', '"revision":7'));
    expect(() => execFileSync(process.execPath, [cli, 'verify-bundle', file], { stdio: 'pipe' })).toThrow();
    const env = { ...process.env, LEDGER_DATA_DIR: ledger.dataDir };
    expect(execFileSync(process.execPath, [cli, 'verify'], { env, stdio: 'pipe' }).toString()).toMatch(
      /^intact: \d+ events, \d+ checkpoints/m,
    );
    const history = execFileSync(process.execPath, [cli, 'history', `customer-${customerId}`], { env })
      .toString()
      .trim()
      .split('\n');
    expect(history.map((line) => JSON.parse(line).type)).toEqual([
      'CustomerRegistered',
      'CustomerDetailsCorrected',
    ]);
  });
});

describe('npm run cli -- projections rebuild', () => {
  it('rebuilds the views from zero while the service keeps answering from them', async () => {
    const ledger = await LedgerTestApp.start();
    try {
      const given = new Scenario(ledger);
      const w2 = await given.partner('W-2', 'w2-agency', ['w2']);
      const fep = await given.staff(w2, ['w2-fep']);
      const customerId = await given.customer(fep.token);
      const made = await ledger.post('/api/v1/cases', fep.token, {
        customerId,
        partnerId: w2,
        program: 'w2',
        receivedAt: '2026-03-02T15:00:00Z',
        channel: 'phone',
        ...reason,
      });
      const cli = join(__dirname, '..', 'dist', 'apps', 'ledger-cli', 'src', 'main.js');
      const printed = execFileSync(process.execPath, [cli, 'projections', 'rebuild', 'ledger_views'], {
        env: { ...process.env, LEDGER_DATA_DIR: ledger.dataDir },
      }).toString();
      expect(printed).toMatch(/^rebuilt ledger_views/m);
      const caseload = await ledger.get(
        `/api/v1/caseloads/workers/${fep.id}?minPosition=${made.body.position}`,
        fep.token,
      );
      expect(caseload.status).toBe(200);
      expect(caseload.body.cases.map((c: { caseId: string }) => c.caseId)).toContain(made.body.id);
    } finally {
      await ledger.stop();
    }
  });
});
