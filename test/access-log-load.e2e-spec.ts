import { LedgerTestApp } from './support/ledger-test-app';
import { Scenario } from './support/scenario';

/**
 * The access log keeps its promise under load: every successful read of a customer has its RecordAccessed.
 * (The 30-second, 64-connection version with its throughput is `npm run bench -- http_customer_read_64c`.)
 */
describe('access log under concurrent reads', () => {
  let ledger: LedgerTestApp;
  afterAll(() => ledger.stop());

  it('records exactly one RecordAccessed per successful read, from 64 concurrent readers', async () => {
    ledger = await LedgerTestApp.start();
    const given = new Scenario(ledger);
    const w2 = await given.partner('W-2', 'w2-agency', ['w2']);
    const fep = await given.staff(w2, ['w2-fep']);
    const customers = await Promise.all(Array.from({ length: 8 }, () => given.customer(fep.token)));
    const before = (await ledger.accessEvents()).filter((e) => e.type === 'RecordAccessed').length;
    const deadline = Date.now() + 4000;
    let ok = 0;
    await Promise.all(
      Array.from({ length: 64 }, async (_, reader) => {
        for (let i = 0; Date.now() < deadline; i++) {
          const response = await ledger.get(
            `/api/v1/customers/${customers[(reader + i) % customers.length]}`,
            fep.token,
            'case review',
          );
          if (response.status === 200) ok++;
        }
      }),
    );
    const recorded = (await ledger.accessEvents()).filter((e) => e.type === 'RecordAccessed').length - before;
    expect(ok).toBeGreaterThan(100);
    expect(recorded).toBe(ok);
  });
});
