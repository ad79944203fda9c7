import { randomUUID } from 'node:crypto';
import { LedgerTestApp } from './support/ledger-test-app';
import { Scenario, someone } from './support/scenario';

describe('cases over HTTP', () => {
  let ledger: LedgerTestApp;
  let w2: string;
  let dvr: string;
  let fep: { id: string; token: string };
  let supervisor: { id: string; token: string };
  let dvrWorker: { id: string; token: string };
  let customerId: string;
  const reason = { workReason: 'case work' };

  const staff = (partnerId: string, roles: string[]) => new Scenario(ledger).staff(partnerId, roles);

  const openCase = async (program = 'w2') =>
    ledger.post('/api/v1/cases', fep.token, {
      customerId,
      partnerId: w2,
      program,
      receivedAt: '2026-03-02T15:00:00Z',
      channel: 'in-person',
      ...reason,
    });

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    const admin = ledger.bootstrapToken;
    w2 = (
      await ledger.post('/api/v1/partners', admin, {
        name: 'W-2',
        kind: 'w2-agency',
        programs: ['w2', 'learnfare'],
      })
    ).body.id;
    dvr = (
      await ledger.post('/api/v1/partners', admin, {
        name: 'DVR',
        kind: 'required-partner',
        programs: ['vocational-rehabilitation'],
      })
    ).body.id;
    fep = await staff(w2, ['w2-fep']);
    supervisor = await staff(w2, ['w2-case-management-supervisor']);
    dvrWorker = await staff(dvr, ['partner-case-manager']);
    customerId = (await ledger.post('/api/v1/customers', fep.token, { ...someone(), ...reason })).body.id;
  });
  afterAll(() => ledger.stop());

  it('follows application → interview → eligibility → enrollment → exit, with each step’s business time', async () => {
    const created = await openCase();
    expect(created.status).toBe(201);
    const id = created.body.id;
    const steps: [string, object][] = [
      ['interviews', { scheduledFor: '2026-03-05T15:00:00Z' }],
      ['interviews', { scheduledFor: '2026-03-06T15:00:00Z' }],
      ['eligibility', { eligible: true, decidedAt: '2026-03-10T15:00:00Z', reasons: ['meets W-2 criteria'] }],
      ['enrollment', { enrolledAt: '2026-03-11T15:00:00Z' }],
      ['exit', { exitedAt: '2026-09-01T15:00:00Z', reason: 'employed' }],
    ];
    for (const [route, body] of steps) {
      const response = await ledger.post(`/api/v1/cases/${id}/${route}`, fep.token, { ...body, ...reason });
      expect(response.status).toBe(200);
    }
    const read = await ledger.get(`/api/v1/cases/${id}`, fep.token);
    expect(read.headers.etag).toBe('"5"');
    expect(read.body).toMatchObject({ step: 'exited', program: 'w2', assignedTo: fep.id });
    expect(read.body.steps.map((s: { at: string }) => s.at)).toEqual([
      '2026-03-02T15:00:00Z',
      '2026-03-05T15:00:00Z',
      '2026-03-06T15:00:00Z',
      '2026-03-10T15:00:00Z',
      '2026-03-11T15:00:00Z',
      '2026-09-01T15:00:00Z',
    ]);
  });

  it('refuses a step out of order with 409 naming the rule and the step', async () => {
    const { body } = await openCase();
    const refused = await ledger.post(`/api/v1/cases/${body.id}/enrollment`, fep.token, {
      enrolledAt: '2026-03-11T15:00:00Z',
      ...reason,
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', step: 'applied' });
    await ledger.post(`/api/v1/cases/${body.id}/eligibility`, fep.token, {
      eligible: false,
      decidedAt: '2026-03-10T15:00:00Z',
      ...reason,
    });
    const closed = await ledger.post(`/api/v1/cases/${body.id}/exit`, fep.token, {
      exitedAt: '2026-03-12T15:00:00Z',
      reason: 'x',
      ...reason,
    });
    expect(closed.body).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', step: 'ineligible' });
  });

  it('lets only the case’s partner act on it, and only for programs it runs', async () => {
    const { body } = await openCase();
    const foreign = await ledger.post(`/api/v1/cases/${body.id}/interviews`, dvrWorker.token, {
      scheduledFor: '2026-03-05T15:00:00Z',
      ...reason,
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('WRONG_PARTNER');
    expect((await openCase('tj')).body.code).toBe('PROGRAM_NOT_RUN');
    const otherPartner = await ledger.post('/api/v1/cases', fep.token, {
      customerId,
      partnerId: dvr,
      program: 'vocational-rehabilitation',
      receivedAt: '2026-03-02T15:00:00Z',
      channel: 'phone',
      ...reason,
    });
    expect(otherPartner.body.code).toBe('WRONG_PARTNER');
    const unknown = await ledger.post('/api/v1/cases', fep.token, {
      customerId: randomUUID(),
      partnerId: w2,
      program: 'w2',
      receivedAt: '2026-03-02T15:00:00Z',
      channel: 'mail',
      ...reason,
    });
    expect(unknown.body.code).toBe('CUSTOMER_NOT_FOUND');
  });

  it('corrects a mistaken step by naming its event, keeping both in the history', async () => {
    const { body } = await openCase();
    const read = await ledger.get(`/api/v1/cases/${body.id}`, fep.token);
    const eventId = read.body.steps[0].eventId;
    const corrected = await ledger.post(`/api/v1/cases/${body.id}/corrections`, fep.token, {
      eventId,
      field: 'receivedAt',
      value: '2026-03-01T15:00:00Z',
      reason: 'date stamped wrong',
      ...reason,
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.revision).toBe(1);
    const wrongField = await ledger.post(`/api/v1/cases/${body.id}/corrections`, fep.token, {
      eventId,
      field: 'program',
      value: 'tj',
      reason: 'r',
      ...reason,
    });
    expect(wrongField.status).toBe(400);
    const notATime = await ledger.post(`/api/v1/cases/${body.id}/corrections`, fep.token, {
      eventId,
      field: 'receivedAt',
      value: 'yesterday',
      reason: 'r',
      ...reason,
    });
    expect(notATime.status).toBe(400);
    const unknownEvent = await ledger.post(`/api/v1/cases/${body.id}/corrections`, fep.token, {
      eventId: randomUUID(),
      field: 'receivedAt',
      value: '2026-03-01T15:00:00Z',
      reason: 'r',
      ...reason,
    });
    expect(unknownEvent.body.code).toBe('EVENT_NOT_FOUND');
  });

  it('lets a supervisor reassign a case to another worker of the partner', async () => {
    const { body } = await openCase();
    const other = await staff(w2, ['w2-fep']);
    expect(
      (
        await ledger.post(`/api/v1/cases/${body.id}/assignment`, fep.token, {
          accountId: other.id,
          ...reason,
        })
      ).status,
    ).toBe(403);
    const moved = await ledger.post(`/api/v1/cases/${body.id}/assignment`, supervisor.token, {
      accountId: other.id,
      ...reason,
    });
    expect(moved.status).toBe(200);
    expect((await ledger.get(`/api/v1/cases/${body.id}`, fep.token)).body.assignedTo).toBe(other.id);
    const outside = await ledger.post(`/api/v1/cases/${body.id}/assignment`, supervisor.token, {
      accountId: dvrWorker.id,
      ...reason,
    });
    expect(outside.body.code).toBe('ASSIGNEE_NOT_IN_PARTNER');
  });
});
