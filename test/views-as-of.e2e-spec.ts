import { LedgerTestApp } from './support/ledger-test-app';
import { Scenario } from './support/scenario';

type Staff = { id: string; token: string };

describe('?asOf= on the view routes: the views as they stood then', () => {
  let ledger: LedgerTestApp;
  let given: Scenario;
  let w2: string;
  let dvr: string;
  let fep: Staff;
  let counselor: Staff;
  let auditor: Staff;

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    given = new Scenario(ledger);
    ({ w2, dvr, fep, counselor } = await given.w2ReferringToDvr());
    auditor = await given.staff(null, ['auditor']);
  });
  afterAll(async () => {
    await ledger.stop();
  });

  it('answers the board, a caseload and a report without what was recorded later; the live views have it', async () => {
    const { customerId, first, then, opened } = await given.referralAcceptedAfterAMoment({
      w2,
      dvr,
      fep,
      counselor,
    });

    const board = async (query: string) => {
      const answer = await ledger.get(`/api/v1/referrals?customerId=${customerId}&${query}`, auditor.token);
      expect(answer.status).toBe(200);
      return answer.body.items.map((item: { referralId: string; status: string }) => [
        item.referralId,
        item.status,
      ]);
    };
    expect(await board(`minPosition=${opened.position}`)).toEqual([[first.id, 'accepted']]);
    expect(await board(`asOf=${first.position}`)).toEqual([[first.id, 'requested']]);
    expect(await board(`asOf=${encodeURIComponent(then)}`)).toEqual([[first.id, 'requested']]);

    const cases = async (query: string) =>
      (await ledger.get(`/api/v1/caseloads/workers/${fep.id}?${query}`, fep.token)).body.cases.map(
        (item: { caseId: string }) => item.caseId,
      );
    expect(await cases(`asOf=${encodeURIComponent(then)}`)).toEqual([]);
    expect(await cases(`minPosition=${opened.position}`)).toEqual([opened.id]);

    const report = await ledger.get(`/api/v1/reports/referrals?asOf=${first.position}`, auditor.token);
    expect(report.status).toBe(200);
    expect(report.body.pairs).toEqual([
      expect.objectContaining({
        fromPartnerId: w2,
        toPartnerId: dvr,
        byStatus: expect.objectContaining({ requested: 1 }),
      }),
    ]);
  });

  it('refuses an asOf it cannot read, a position not reached and a time to come, naming asOf', async () => {
    const head = Number(await ledger.headPosition());
    for (const asOf of ['yesterday', String(head + 1000), '2999-01-01T00:00:00Z']) {
      const answer = await ledger.get(`/api/v1/reports/timeliness?asOf=${asOf}`, auditor.token);
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
    }
  });
});
