import { LedgerTestApp } from './support/ledger-test-app';
import { reason, Scenario } from './support/scenario';

type Staff = { id: string; token: string };

describe('a merge over HTTP: every view follows the surviving customer until it is undone', () => {
  let ledger: LedgerTestApp;
  let given: Scenario;
  let w2: string;
  let dvr: string;
  let fep: Staff;
  let counselor: Staff;
  let analyst: Staff;

  const post = (path: string, token: string, body: object) => given.command(path, token, body);
  const read = async (path: string, token: string) => {
    const response = await ledger.get(path, token);
    if (response.status !== 200)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    given = new Scenario(ledger);
    ({ w2, dvr, fep, counselor } = await given.w2ReferringToDvr());
    analyst = await given.staff(null, ['analyst']);
  });
  afterAll(() => ledger.stop());

  it('names the survivor in caseloads, the board, duplicates, reports and the summary; the original once undone', async () => {
    const survivor = await given.customer(fep.token);
    // The same person, registered again at another partner.
    const duplicate = await given.customer(counselor.token);
    const consentId = (
      await post(`/api/v1/customers/${duplicate}/consents`, counselor.token, {
        recipients: [dvr],
        purposes: ['referral'],
        categories: ['identity'],
        expiresAt: '2099-01-01T00:00:00Z',
        method: 'signed-form',
        obtainedBy: dvr,
      })
    ).consentId;
    const caseId = (
      await post('/api/v1/cases', fep.token, {
        customerId: duplicate,
        partnerId: w2,
        program: 'w2',
        receivedAt: '2026-03-02T15:00:00Z',
        channel: 'in-person',
      })
    ).id;
    const referralId = (
      await post('/api/v1/referrals', fep.token, {
        customerId: duplicate,
        fromPartnerId: w2,
        toPartnerId: dvr,
        reason: 'needs coaching',
        individualizedDetermination: 'asked for it',
        consentId,
        sharedCategories: ['identity'],
      })
    ).id;
    const assess = (token: string, customerId: string, partnerId: string) =>
      post('/api/v1/assessments', token, {
        customerId,
        partnerId,
        kind: 'skills',
        instrument: 'i',
        performedAt: '2026-03-02T15:00:00Z',
        findings: { strengths: [], needs: [], barriers: [] },
      });
    const assessments = [
      (await assess(fep.token, survivor, w2)).id,
      (await assess(counselor.token, duplicate, dvr)).id,
    ].sort();
    const before = await post(`/api/v1/customers/${duplicate}/feedback`, counselor.token, {
      partnerId: dvr,
      channel: 'survey',
    });

    /** What each view says about these records, once the views have reached `position`. */
    const views = async (position: string) => {
      const caseload = await read(`/api/v1/caseloads/workers/${fep.id}?minPosition=${position}`, fep.token);
      const board = await read(`/api/v1/referrals?customerId=${survivor}&minPosition=${position}`, fep.token);
      const findings = await read('/api/v1/duplicates?kind=assessment&limit=1000', analyst.token);
      const figures = await read(
        `/api/v1/reports/service-integration?minPosition=${position}`,
        analyst.token,
      );
      return {
        cases: caseload.cases
          .filter((c: { caseId: string }) => c.caseId === caseId)
          .map((c: { customerId: string }) => c.customerId),
        referralsOut: caseload.referralsOut
          .filter((r: { referralId: string }) => r.referralId === referralId)
          .map((r: { customerId: string }) => r.customerId),
        boardForSurvivor: board.items.map((i: { referralId: string; customerId: string }) => [
          i.referralId,
          i.customerId,
        ]),
        repeatedAssessmentFound: findings.items.some(
          (f: { subjectIds: string[]; status: string }) =>
            f.subjectIds.join() === assessments.join() && f.status === 'open',
        ),
        assessmentsRepeated: figures.assessmentsRepeated,
      };
    };
    const apart = {
      cases: [duplicate],
      referralsOut: [duplicate],
      boardForSurvivor: [],
      repeatedAssessmentFound: false,
      assessmentsRepeated: 0,
    };
    expect(await views(before.position)).toEqual(apart);
    // W-2 neither registered the duplicate nor holds a consent for it.
    expect((await ledger.get(`/api/v1/customers/${duplicate}`, fep.token)).status).toBe(403);

    const merged = await post(`/api/v1/customers/${survivor}/merges`, fep.token, {
      duplicateId: duplicate,
      reason: 'same person, registered twice',
    });
    expect(await views(merged.position)).toEqual({
      cases: [survivor],
      referralsOut: [survivor],
      boardForSurvivor: [[referralId, survivor]],
      repeatedAssessmentFound: true,
      assessmentsRepeated: 1,
    });
    const byOldId = await read(`/api/v1/referrals?customerId=${duplicate}`, fep.token);
    expect(byOldId.items.map((i: { customerId: string }) => i.customerId)).toEqual([survivor]);
    // The duplicate's record answers where the customer is now, to the partners of either record.
    expect(await read(`/api/v1/customers/${duplicate}`, fep.token)).toMatchObject({
      customerId: duplicate,
      mergedInto: survivor,
      access: { serves: true },
    });
    expect(await read(`/api/v1/customers/${survivor}`, counselor.token)).toMatchObject({
      customerId: survivor,
      merged: [duplicate],
      access: { serves: true },
    });

    const undone = await post(`/api/v1/customers/${survivor}/merges/${duplicate}/undo`, fep.token, {
      reason: 'two people after all',
    });
    expect(await views(undone.position)).toEqual(apart);
    const summary = await read(`/api/v1/customers/${duplicate}`, counselor.token);
    expect(summary.mergedInto).toBeUndefined();
    expect((await read(`/api/v1/customers/${survivor}`, fep.token)).merged).toBeUndefined();
    expect((await ledger.get(`/api/v1/customers/${duplicate}`, fep.token)).status).toBe(403);
  });
  it("holds the survivor to the duplicate's open referrals: a second referral to the same partner is refused until the merge is undone", async () => {
    const survivor = await given.customer(fep.token);
    const duplicate = await given.customer(fep.token);
    const consent = (customerId: string) =>
      post(`/api/v1/customers/${customerId}/consents`, fep.token, {
        recipients: [dvr],
        purposes: ['referral'],
        categories: ['identity'],
        expiresAt: '2099-01-01T00:00:00Z',
        method: 'signed-form',
        obtainedBy: w2,
      });
    const refer = (customerId: string, consentId: string) =>
      ledger.post('/api/v1/referrals', fep.token, {
        customerId,
        fromPartnerId: w2,
        toPartnerId: dvr,
        reason: 'needs coaching',
        individualizedDetermination: 'asked for it',
        consentId,
        sharedCategories: ['identity'],
        ...reason,
      });
    const survivorConsent = (await consent(survivor)).consentId!;
    expect((await refer(duplicate, (await consent(duplicate)).consentId!)).status).toBe(201);
    await post(`/api/v1/customers/${survivor}/merges`, fep.token, {
      duplicateId: duplicate,
      reason: 'same person, registered twice',
    });

    const refused = await refer(survivor, survivorConsent);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('DUPLICATE_REFERRAL');

    await post(`/api/v1/customers/${survivor}/merges/${duplicate}/undo`, fep.token, {
      reason: 'two people after all',
    });
    expect((await refer(survivor, survivorConsent)).status).toBe(201);
  });
});
