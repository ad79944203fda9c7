import { randomUUID } from 'node:crypto';
import { EventStore } from '@ledger/event-sourcing';
import { LedgerTestApp } from './support/ledger-test-app';
import { reason, Scenario } from './support/scenario';

describe('the account audit and the accounting of disclosures', () => {
  let ledger: LedgerTestApp;
  let given: Scenario;
  let w2: string;
  let auditor: { id: string; token: string };

  const findingsOf = async (accountId: string) =>
    (await ledger.get(`/api/v1/audit/findings?accountId=${accountId}`, auditor.token)).body.items as {
      findingId: string;
      kind: string;
      evidence: { eventId: string }[];
      status: string;
    }[];

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    given = new Scenario(ledger);
    w2 = await given.partner('W-2', 'w2-agency', ['w2']);
    auditor = await given.staff(null, ['auditor']);
  });
  afterAll(() => ledger.stop());

  async function terminatedAfter(minutes: number) {
    const fep = await given.staff(w2, ['w2-fep']);
    const departedAt = new Date(Date.now() - minutes * 60_000).toISOString();
    await ledger.post(`/api/v1/accounts/${fep.id}/departure`, ledger.bootstrapToken, { departedAt });
    await ledger.post(`/api/v1/accounts/${fep.id}/termination`, ledger.bootstrapToken, { reason: 'left' });
    return fep;
  }

  it('finds a termination recorded 61 minutes after the departure, and not one at 59', async () => {
    const late = await terminatedAfter(61);
    const prompt = await terminatedAfter(59);
    const found = await findingsOf(late.id);
    expect(found.map((f) => f.kind)).toContain('late-termination');
    expect(found.find((f) => f.kind === 'late-termination')?.evidence).toHaveLength(2);
    expect((await findingsOf(prompt.id)).map((f) => f.kind)).not.toContain('late-termination');
  });

  it('finds activity after termination and while disabled, and work reasons that say nothing', async () => {
    const late = await terminatedAfter(1);
    expect((await ledger.get('/api/v1/directory', late.token)).status).toBe(403);
    expect((await findingsOf(late.id)).map((f) => f.kind)).toContain('activity-after-termination');

    const careless = await given.staff(w2, ['w2-fep']);
    await ledger.post('/api/v1/customers', careless.token, {
      firstName: 'Zed',
      lastName: 'Quorum',
      dateOfBirth: '1971-01-01',
      workReason: ' n/a ',
    });
    expect((await findingsOf(careless.id)).map((f) => f.kind)).toContain('weak-work-reason');
  });

  it('finds in imported history what the API refuses: too many roles, FEP with supervisor, no authoriser', async () => {
    const accountId = randomUUID();
    const commandId = randomUUID();
    await ledger.app.get(EventStore).append(
      `account-${accountId}`,
      [
        {
          type: 'AccountRequested',
          data: {
            accountId,
            legalName: 'Old',
            partnerId: w2,
            email: 'o@a.example',
            roles: ['w2-fep', 'w2-case-management-supervisor', 'w2-qc-staff'],
            requestedBy: 'import',
          },
        },
        { type: 'AccountActivated', data: { accountId } },
      ],
      {
        expectedRevision: 'no_stream',
        metadata: {
          actor: { accountId: 'import', partnerId: null, roles: [] },
          commandId,
          correlationId: commandId,
          occurredAt: '2020-01-01T00:00:00Z',
        },
      },
    );
    const kinds = (await findingsOf(accountId)).map((f) => f.kind).sort();
    expect(kinds).toEqual(['fep-with-supervisor', 'no-authoriser', 'too-many-roles']);
  });

  it('lets a security officer resolve a finding, once', async () => {
    const late = await terminatedAfter(90);
    const finding = (await findingsOf(late.id)).find((f) => f.kind === 'late-termination')!;
    const resolved = await ledger.post(
      `/api/v1/audit/findings/${finding.findingId}/resolution`,
      ledger.bootstrapToken,
      { resolution: 'HR notified late' },
    );
    expect(resolved.status).toBe(200);
    expect((await findingsOf(late.id)).find((f) => f.kind === 'late-termination')?.status).toBe('resolved');
    expect(
      (
        await ledger.post(`/api/v1/audit/findings/${finding.findingId}/resolution`, auditor.token, {
          resolution: 'x',
        })
      ).status,
    ).toBe(403);
  });

  it('shows an account’s trail', async () => {
    const late = await terminatedAfter(5);
    const trail = await ledger.get(`/api/v1/audit/accounts/${late.id}/trail`, auditor.token);
    expect(trail.body.items.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining([
        'AccountRequested',
        'AccountActivated',
        'StaffDepartureRecorded',
        'AccountTerminated',
      ]),
    );
    expect(trail.body.items[0].metadata).toMatchObject({
      actor: expect.any(Object),
      hash: expect.any(String),
    });
  });

  it('accounts for every read and disclosure of a customer, and refuses partners that do not serve them', async () => {
    const dvr = await given.partner('DVR', 'required-partner', ['vocational-rehabilitation']);
    const fep = await given.staff(w2, ['w2-fep']);
    const outsider = await given.staff(dvr, ['partner-case-manager']);
    const customerId = await given.customer(fep.token);
    await ledger.get(`/api/v1/customers/${customerId}`, fep.token, 'eligibility review');
    await ledger.get(`/api/v1/customers/${customerId}`, outsider.token, 'curious');
    const disclosures = await ledger.get(`/api/v1/customers/${customerId}/disclosures`, auditor.token);
    expect(disclosures.body.items).toEqual([
      expect.objectContaining({
        accountId: fep.id,
        partnerId: w2,
        kind: 'read',
        categories: ['identity', 'contact'],
        workReason: 'eligibility review',
      }),
    ]);
    expect((await ledger.get(`/api/v1/customers/${customerId}/disclosures`, outsider.token)).status).toBe(
      403,
    );
    expect((await ledger.get(`/api/v1/customers/${customerId}/disclosures`, fep.token)).status).toBe(200);
    expect(reason.workReason).toBeDefined();
  });
});
