import { randomUUID } from 'node:crypto';
import { LedgerTestApp } from './support/ledger-test-app';
import { reason, Scenario } from './support/scenario';

describe('referrals over HTTP: the closed loop', () => {
  let ledger: LedgerTestApp;
  let given: Scenario;
  let w2: string;
  let dvr: string;
  let other: string;
  let serviceId: string;
  let fep: { id: string; token: string };
  let counselor: { id: string; token: string };
  let dvrSupervisor: { id: string; token: string };

  async function customerWithConsent(categories = ['identity', 'assessment']) {
    const customerId = await given.customer(fep.token);
    const consentId = await given.consent(fep.token, customerId, {
      recipients: [dvr],
      categories,
      obtainedBy: w2,
    });
    return { customerId, consentId };
  }

  const refer = (body: object) =>
    ledger.post('/api/v1/referrals', fep.token, {
      fromPartnerId: w2,
      toPartnerId: dvr,
      serviceId,
      reason: 'needs job coaching',
      individualizedDetermination: 'Ana asked for coaching; her assessment shows she can work with support',
      sharedCategories: ['identity'],
      ...reason,
      ...body,
    });
  const step = (id: string, route: string, token: string, body: object = {}) =>
    ledger.post(`/api/v1/referrals/${id}/${route}`, token, { ...body, ...reason });

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    given = new Scenario(ledger);
    w2 = await given.partner('W-2', 'w2-agency', ['w2']);
    dvr = await given.partner('DVR', 'required-partner', ['vocational-rehabilitation']);
    other = await given.partner('Other', 'community', ['community-services']);
    serviceId = (
      await ledger.post(`/api/v1/partners/${dvr}/services`, ledger.bootstrapToken, {
        name: 'Job coaching',
        description: 'coaching',
        programs: ['vocational-rehabilitation'],
        languages: ['en'],
      })
    ).body.serviceId;
    await given.agreement(
      [w2, dvr],
      [{ from: w2, to: dvr }],
      [{ from: w2, to: dvr, categories: ['identity', 'assessment'] }],
    );
    fep = await given.staff(w2, ['w2-fep']);
    counselor = await given.staff(dvr, ['partner-case-manager']);
    dvrSupervisor = await given.staff(dvr, ['partner-case-manager', 'partner-administrator']);
  });
  afterAll(() => ledger.stop());

  it('is made, accepted, given an appointment, started, completed and closed by the sender', async () => {
    const { customerId, consentId } = await customerWithConsent();
    const made = await refer({ customerId, consentId });
    expect(made.status).toBe(201);
    const id = made.body.id;
    expect((await step(id, 'acceptance', counselor.token)).status).toBe(200);
    expect((await step(id, 'appointments', counselor.token, { at: '2026-04-02T15:00:00Z' })).status).toBe(
      200,
    );
    expect((await step(id, 'start', counselor.token)).status).toBe(200);
    expect(
      (
        await step(id, 'outcome', counselor.token, {
          status: 'completed',
          outcome: 'got-help',
          details: 'placed',
        })
      ).status,
    ).toBe(200);
    const closed = await step(id, 'closure', fep.token, { note: 'thanks' });
    expect(closed.status).toBe(200);
    expect(closed.body.revision).toBe(5);
    const read = await ledger.get(`/api/v1/referrals/${id}`, fep.token);
    expect(read.body).toMatchObject({
      status: 'completed',
      outcome: 'got-help',
      closed: true,
      assignedTo: counselor.id,
    });
  });

  it('lets only the receiver accept and only the sender cancel (403 WRONG_PARTNER)', async () => {
    const { customerId, consentId } = await customerWithConsent();
    const { body } = await refer({ customerId, consentId });
    expect((await step(body.id, 'acceptance', fep.token)).body.code).toBe('WRONG_PARTNER');
    expect((await step(body.id, 'cancellation', counselor.token, { reason: 'x' })).body.code).toBe(
      'WRONG_PARTNER',
    );
    const early = await step(body.id, 'start', counselor.token);
    expect(early.body.code).toBe('TRANSITION_NOT_ALLOWED');
    expect((await step(body.id, 'cancellation', fep.token, { reason: 'customer moved' })).status).toBe(200);
    expect((await step(body.id, 'acceptance', counselor.token)).body).toMatchObject({
      code: 'TRANSITION_NOT_ALLOWED',
      status: 409,
      referralStatus: 'cancelled',
    });
  });

  it('is rejected with a reason, and closed by the sender after', async () => {
    const { customerId, consentId } = await customerWithConsent();
    const { body } = await refer({ customerId, consentId });
    expect(
      (
        await step(body.id, 'rejection', counselor.token, {
          reasonCode: 'no-capacity',
          reason: 'waiting list full',
        })
      ).status,
    ).toBe(200);
    expect((await step(body.id, 'closure', fep.token)).status).toBe(200);
    expect((await step(body.id, 'closure', fep.token)).body.code).toBe('TRANSITION_NOT_ALLOWED');
  });

  it('refuses a second open referral to the same partner and service', async () => {
    const { customerId, consentId } = await customerWithConsent();
    expect((await refer({ customerId, consentId })).status).toBe(201);
    const again = await refer({ customerId, consentId });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DUPLICATE_REFERRAL');
  });

  it('keeps to one open referral even when two are made at once', async () => {
    const { customerId, consentId } = await customerWithConsent();
    const [a, b] = await Promise.all([refer({ customerId, consentId }), refer({ customerId, consentId })]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
  });

  it('refuses without an agreement, a covering consent, or a determination', async () => {
    const { customerId, consentId } = await customerWithConsent(['identity']);
    expect((await refer({ customerId, consentId, toPartnerId: other, serviceId: undefined })).body.code).toBe(
      'AGREEMENT_REQUIRED',
    );
    expect(
      (await refer({ customerId, consentId, sharedCategories: ['identity', 'assessment'] })).body.code,
    ).toBe('CONSENT_DOES_NOT_COVER');
    expect((await refer({ customerId, consentId: randomUUID() })).body.code).toBe('CONSENT_NOT_FOUND');
    const blank = await refer({ customerId, consentId, individualizedDetermination: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors[0].field).toBe('individualizedDetermination');
  });

  it('cannot be accepted once the consent it relied on was revoked', async () => {
    const { customerId, consentId } = await customerWithConsent();
    const { body } = await refer({ customerId, consentId });
    await ledger.post(`/api/v1/customers/${customerId}/consents/${consentId}/revocation`, fep.token, {
      reason: 'asked',
      ...reason,
    });
    const refused = await step(body.id, 'acceptance', counselor.token);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONSENT_REVOKED');
  });

  it('is reassigned within the receiving partner', async () => {
    const { customerId, consentId } = await customerWithConsent();
    const { body } = await refer({ customerId, consentId });
    await step(body.id, 'acceptance', counselor.token);
    const supervisor = await given.staff(w2, ['w2-case-management-supervisor']);
    expect((await step(body.id, 'assignment', supervisor.token, { accountId: fep.id })).body.code).toBe(
      'WRONG_PARTNER',
    );
    expect(dvrSupervisor.id).toBeDefined();
  });
});
