import { randomUUID } from 'node:crypto';
import { LedgerTestApp } from './support/ledger-test-app';
import { Scenario } from './support/scenario';

describe('security incidents', () => {
  let ledger: LedgerTestApp;
  let given: Scenario;
  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    given = new Scenario(ledger);
  });
  afterAll(() => ledger.stop());

  it('are reported by any active account and resolved by a security officer, linked to what they concern', async () => {
    const w2 = await given.partner('W-2', 'w2-agency', ['w2']);
    const fep = await given.staff(w2, ['w2-fep']);
    const reported = await ledger.post('/api/v1/incidents', fep.token, {
      kind: 'lost-or-stolen-device',
      description: 'laptop left on the bus',
      accountIds: [fep.id],
      eventIds: [randomUUID()],
    });
    expect(reported.status).toBe(201);
    expect(
      (await ledger.post(`/api/v1/incidents/${reported.body.id}/resolution`, fep.token, { resolution: 'x' }))
        .status,
    ).toBe(403);
    const resolved = await ledger.post(
      `/api/v1/incidents/${reported.body.id}/resolution`,
      ledger.bootstrapToken,
      { resolution: 'device wiped' },
    );
    expect(resolved.status).toBe(200);
    const read = await ledger.get(`/api/v1/incidents/${reported.body.id}`, ledger.bootstrapToken);
    expect(read.body).toMatchObject({
      kind: 'lost-or-stolen-device',
      accountIds: [fep.id],
      reportedBy: fep.id,
      resolved: true,
    });
    expect(
      (
        await ledger.post(`/api/v1/incidents/${reported.body.id}/resolution`, ledger.bootstrapToken, {
          resolution: 'y',
        })
      ).body.code,
    ).toBe('INCIDENT_RESOLVED');
    expect(
      (await ledger.post('/api/v1/incidents', fep.token, { kind: 'gossip', description: 'd' })).status,
    ).toBe(400);
  });
});
