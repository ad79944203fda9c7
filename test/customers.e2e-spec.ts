import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LedgerTestApp } from './support/ledger-test-app';
import { Scenario, someone } from './support/scenario';

describe('customers, consents and the customer voice over HTTP', () => {
  let ledger: LedgerTestApp;
  let w2: string;
  let dvr: string;
  let worker: string;
  let dvrWorker: string;

  const staff = async (partnerId: string, roles: string[]) =>
    (await new Scenario(ledger).staff(partnerId, roles)).token;

  const ana = {
    firstName: 'Ana',
    lastName: 'Reyes',
    dateOfBirth: '1990-04-12',
    ssn: '123-45-6789',
    sex: 'F',
    address: { line1: '12 Water St', city: 'Milwaukee', state: 'WI', postalCode: '53202' },
    phone: '414-555-0101',
    preferredLanguage: 'es',
    workReason: 'intake interview',
  };

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    const admin = ledger.bootstrapToken;
    w2 = (await ledger.post('/api/v1/partners', admin, { name: 'W-2', kind: 'w2-agency', programs: ['w2'] }))
      .body.id;
    dvr = (
      await ledger.post('/api/v1/partners', admin, {
        name: 'DVR',
        kind: 'required-partner',
        programs: ['vocational-rehabilitation'],
      })
    ).body.id;
    worker = await staff(w2, ['w2-fep']);
    dvrWorker = await staff(dvr, ['partner-case-manager']);
  });
  afterAll(() => ledger.stop());

  it('registers a customer, never storing the SSN or personal details in clear', async () => {
    const created = await ledger.post('/api/v1/customers', worker, {
      ...ana,
      clearance: { acknowledgedCandidateIds: [] },
    });
    expect(created.status).toBe(201);
    const db = new Database(join(ledger.dataDir, 'events.db'), { readonly: true });
    const stored = db.prepare('SELECT group_concat(canonical) AS all_events FROM events').get() as {
      all_events: string;
    };
    db.close();
    for (const secret of ['123-45-6789', '123456789', 'Reyes', '1990-04-12', 'Water St', '414-555-0101']) {
      expect(stored.all_events).not.toContain(secret);
    }
    expect(stored.all_events).toContain('"ssnLast4":"6789"');

    const summary = await ledger.get(`/api/v1/customers/${created.body.id}`, worker);
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      customerId: created.body.id,
      revision: 0,
      registeredBy: w2,
      identity: {
        firstName: 'Ana',
        lastName: 'Reyes',
        dateOfBirth: '1990-04-12',
        ssnLast4: '6789',
        sex: 'F',
      },
      contact: { phone: '414-555-0101', preferredLanguage: 'es', address: ana.address },
    });
  });

  it('replays a registration by its Idempotency-Key, and refuses a second registration under a given id', async () => {
    const body = { ...someone(), workReason: 'intake', clearance: { acknowledgedCandidateIds: [] } };
    const key = randomUUID();
    const first = await ledger.post('/api/v1/customers', worker, body).set('Idempotency-Key', key);
    const again = await ledger.post('/api/v1/customers', worker, body).set('Idempotency-Key', key);
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const customerId = randomUUID();
    const named = {
      ...someone(),
      customerId,
      workReason: 'intake',
      clearance: { acknowledgedCandidateIds: [] },
    };
    expect((await ledger.post('/api/v1/customers', worker, named)).body.id).toBe(customerId);
    const twice = await ledger.post('/api/v1/customers', worker, { ...named, ...someone() });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('CUSTOMER_EXISTS');
    const read = await ledger.get(`/api/v1/customers/${customerId}`, worker, 'check');
    expect(read.body).toMatchObject({ revision: 0, identity: { lastName: named.lastName } });
  });

  it('requires a work reason for commands on a customer record', async () => {
    const before = await ledger.headPosition();
    const refused = await ledger.post('/api/v1/customers', worker, someone());
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'workReason', message: 'a work reason is required' }]);
    expect(await ledger.headPosition()).toBe(before);
    const viaHeader = await ledger
      .post('/api/v1/customers', worker, someone())
      .set('X-Work-Reason', 'walk-in');
    expect(viaHeader.status).toBe(201);
  });

  it('shows another partner nothing until a consent names it, then only what the consent lists', async () => {
    const { body: c } = await ledger.post('/api/v1/customers', worker, {
      ...someone(),
      workReason: 'intake interview',
    });
    expect((await ledger.get(`/api/v1/customers/${c.id}`, dvrWorker)).status).toBe(403);
    const consent = await ledger.post(`/api/v1/customers/${c.id}/consents`, worker, {
      recipients: [dvr],
      purposes: ['referral'],
      categories: ['identity'],
      expiresAt: '2099-06-30T00:00:00Z',
      method: 'signed-form',
      obtainedBy: w2,
      workReason: 'referral to DVR',
    });
    expect(consent.status).toBe(201);
    expect(consent.body.consentId).toEqual(expect.any(String));
    const seen = await ledger.get(`/api/v1/customers/${c.id}`, dvrWorker);
    expect(seen.status).toBe(200);
    expect(seen.body.identity).toMatchObject({ firstName: 'Ana' });
    expect(seen.body.contact).toBeUndefined();

    const revoked = await ledger.post(
      `/api/v1/customers/${c.id}/consents/${consent.body.consentId}/revocation`,
      worker,
      {
        reason: 'customer asked',
        workReason: 'customer request',
      },
    );
    expect(revoked.status).toBe(200);
    expect((await ledger.get(`/api/v1/customers/${c.id}`, dvrWorker)).status).toBe(403);
    const twice = await ledger.post(
      `/api/v1/customers/${c.id}/consents/${consent.body.consentId}/revocation`,
      worker,
      {
        reason: 'again',
        workReason: 'customer request',
      },
    );
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('CONSENT_ALREADY_REVOKED');
    const unknown = await ledger.post(
      `/api/v1/customers/${c.id}/consents/${randomUUID()}/revocation`,
      worker,
      {
        reason: 'x',
        workReason: 'y',
      },
    );
    expect(unknown.body.code).toBe('CONSENT_NOT_FOUND');
  });

  it('refuses a consent that has already expired (400) or names an unknown partner (409)', async () => {
    const { body: c } = await ledger.post('/api/v1/customers', worker, {
      ...someone(),
      workReason: 'intake interview',
    });
    const consent = {
      recipients: [dvr],
      purposes: ['referral'],
      categories: ['identity'],
      method: 'verbal',
      obtainedBy: w2,
      workReason: 'w',
    };
    const past = await ledger.post(`/api/v1/customers/${c.id}/consents`, worker, {
      ...consent,
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
    expect(past.body.errors[0].field).toBe('expiresAt');
    const unknown = await ledger.post(`/api/v1/customers/${c.id}/consents`, worker, {
      ...consent,
      recipients: [randomUUID()],
      expiresAt: '2099-01-01T00:00:00Z',
    });
    expect(unknown.status).toBe(409);
    expect(unknown.body.code).toBe('PARTNER_NOT_FOUND');
  });

  it('corrects details, keeping both versions in the history', async () => {
    const { body: c } = await ledger.post('/api/v1/customers', worker, {
      ...someone(),
      workReason: 'intake interview',
    });
    const corrected = await ledger.post(`/api/v1/customers/${c.id}/corrections`, worker, {
      lastName: 'Reyes-Martinez',
      phone: '414-555-0199',
      reason: 'married name',
      workReason: 'update on file',
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.revision).toBe(1);
    const summary = await ledger.get(`/api/v1/customers/${c.id}`, worker);
    expect(summary.body.identity.lastName).toBe('Reyes-Martinez');
    expect(summary.body.contact.phone).toBe('414-555-0199');
    const empty = await ledger.post(`/api/v1/customers/${c.id}/corrections`, worker, {
      reason: 'nothing',
      workReason: 'w',
    });
    expect(empty.status).toBe(400);
  });

  it('records and ends child-welfare involvement, feedback, complaints and appeal rights', async () => {
    const { body: c } = await ledger.post('/api/v1/customers', worker, {
      ...someone(),
      workReason: 'intake interview',
    });
    const involvement = await ledger.post(`/api/v1/customers/${c.id}/child-welfare-involvements`, worker, {
      partnerId: dvr,
      startedAt: '2026-02-01',
      caseReference: 'CW-1234',
      workReason: 'family served by child welfare',
    });
    expect(involvement.status).toBe(201);
    const ended = await ledger.post(
      `/api/v1/customers/${c.id}/child-welfare-involvements/${involvement.body.involvementId}/end`,
      worker,
      { endedAt: '2026-05-01', workReason: 'case closed' },
    );
    expect(ended.status).toBe(200);
    const early = await ledger.post(
      `/api/v1/customers/${c.id}/child-welfare-involvements/${involvement.body.involvementId}/end`,
      worker,
      { endedAt: '2026-06-01', workReason: 'again' },
    );
    expect(early.body.code).toBe('INVOLVEMENT_ENDED');
    const voice = [
      ['feedback', { partnerId: w2, channel: 'survey', rating: 5, comments: 'helpful' }],
      ['complaints', { partnerId: w2, subject: 'Waiting time', details: 'Waited two hours' }],
      ['appeal-rights-explanations', { partnerId: w2, program: 'w2', method: 'written', language: 'es' }],
    ] as const;
    for (const [route, body] of voice) {
      const response = await ledger.post(`/api/v1/customers/${c.id}/${route}`, worker, {
        ...body,
        workReason: 'customer voice',
      });
      expect(response.status).toBe(200);
    }
    expect((await ledger.get(`/api/v1/customers/${c.id}`, worker)).body.revision).toBe(5);
    const missing = await ledger.post(`/api/v1/customers/${randomUUID()}/feedback`, worker, {
      partnerId: w2,
      channel: 'survey',
      workReason: 'w',
    });
    expect(missing.status).toBe(404);
  });

  it("never writes a customer's name, date of birth or SSN to the logs", () => {
    expect(ledger.logLines.length).toBeGreaterThan(20);
    const logs = ledger.logLines.join('\n');
    for (const secret of ['Reyes', 'Ana', '1990-04-12', '123-45-6789', '123456789', 'Water St', '414-555']) {
      expect(logs).not.toContain(secret);
    }
    expect(JSON.parse(ledger.logLines.at(-1)!)).toMatchObject({
      msg: expect.any(String),
      level: expect.any(Number),
    });
  });

  it('lets office administration correct contact details only', async () => {
    const clerk = await staff(w2, ['w2-office-administration']);
    const { body: c } = await ledger.post('/api/v1/customers', clerk, {
      ...someone(),
      workReason: 'intake interview',
    });
    expect(
      (
        await ledger.post(`/api/v1/customers/${c.id}/corrections`, clerk, {
          phone: '414-555-0000',
          reason: 'r',
          workReason: 'w',
        })
      ).status,
    ).toBe(200);
    const identity = await ledger.post(`/api/v1/customers/${c.id}/corrections`, clerk, {
      firstName: 'Anna',
      reason: 'r',
      workReason: 'w',
    });
    expect(identity.status).toBe(400);
    expect(identity.body.errors[0].field).toBe('firstName');
  });
});
