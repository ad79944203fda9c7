import { randomUUID } from 'node:crypto';
import { LedgerTestApp } from './support/ledger-test-app';
import { reason, Scenario } from './support/scenario';

describe('assessments over HTTP', () => {
  let ledger: LedgerTestApp;
  let given: Scenario;
  let w2: string;
  let wioa: string;
  let fep: { id: string; token: string };
  let wioaWorker: { id: string; token: string };
  let customerId: string;

  const assess = (token: string, partnerId: string, performedAt: string, kind = 'informal') =>
    ledger.post('/api/v1/assessments', token, {
      customerId,
      partnerId,
      kind,
      instrument: 'W-2 informal assessment',
      performedAt,
      findings: { strengths: ['reliable'], needs: ['child care'], barriers: ['transport'] },
      ...reason,
    });

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    given = new Scenario(ledger);
    w2 = await given.partner('W-2', 'w2-agency', ['w2']);
    wioa = await given.partner('WIOA', 'core-program', ['wioa-adult']);
    fep = await given.staff(w2, ['w2-fep']);
    wioaWorker = await given.staff(wioa, ['partner-case-manager']);
    customerId = await given.customer(fep.token);
  });
  afterAll(() => ledger.stop());

  it('records an assessment, then flags the same kind by another partner inside the reuse window', async () => {
    const first = await assess(fep.token, w2, '2026-03-03T15:00:00Z');
    expect(first.status).toBe(201);
    expect(first.body.warnings).toEqual([]);
    const repeat = await assess(wioaWorker.token, wioa, '2026-04-01T15:00:00Z');
    expect(repeat.status).toBe(201);
    expect(repeat.body.warnings).toEqual([
      expect.objectContaining({
        code: 'DUPLICATE_ASSESSMENT',
        assessmentId: first.body.id,
        partnerId: w2,
        kind: 'informal',
        performedAt: '2026-03-03T15:00:00Z',
      }),
    ]);
    expect(JSON.stringify(repeat.body.warnings)).not.toContain('transport');
    const otherKind = await assess(wioaWorker.token, wioa, '2026-04-01T15:00:00Z', 'skills');
    expect(otherKind.body.warnings).toEqual([]);
    const outsideWindow = await assess(wioaWorker.token, wioa, '2026-09-01T15:00:00Z');
    expect(
      outsideWindow.body.warnings.filter((w: { assessmentId: string }) => w.assessmentId === first.body.id),
    ).toEqual([]);
  });

  it('records assessments only for the actor’s own partner', async () => {
    const refused = await assess(fep.token, wioa, '2026-03-03T15:00:00Z');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('WRONG_PARTNER');
  });

  it('shares an assessment only under a consent in effect that covers it', async () => {
    const { body } = await assess(fep.token, w2, '2026-03-04T15:00:00Z', 'barriers');
    const share = (consentId: string) =>
      ledger.post(`/api/v1/assessments/${body.id}/shares`, fep.token, {
        partnerId: wioa,
        consentId,
        ...reason,
      });
    expect((await share(randomUUID())).body.code).toBe('CONSENT_NOT_FOUND');
    const identityOnly = await given.consent(fep.token, customerId, {
      recipients: [wioa],
      categories: ['identity'],
      obtainedBy: w2,
    });
    expect((await share(identityOnly)).body.code).toBe('CONSENT_DOES_NOT_COVER');
    const covering = await given.consent(fep.token, customerId, {
      recipients: [wioa],
      categories: ['assessment'],
      obtainedBy: w2,
    });
    const shared = await share(covering);
    expect(shared.status).toBe(200);
    expect((await ledger.get(`/api/v1/assessments/${body.id}`, wioaWorker.token)).status).toBe(200);
  });

  it('supersedes an assessment once, with a reason', async () => {
    const { body } = await assess(fep.token, w2, '2026-03-05T15:00:00Z', 'literacy');
    const superseded = await ledger.post(`/api/v1/assessments/${body.id}/supersession`, fep.token, {
      reason: 'redone',
      ...reason,
    });
    expect(superseded.status).toBe(200);
    const again = await ledger.post(`/api/v1/assessments/${body.id}/supersession`, fep.token, {
      reason: 'redone',
      ...reason,
    });
    expect(again.body.code).toBe('ASSESSMENT_SUPERSEDED');
  });
});
