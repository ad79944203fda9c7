import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerTestApp } from './support/ledger-test-app';
import { Scenario } from './support/scenario';

type Staff = { id: string; token: string };
const cli = join(__dirname, '..', 'dist', 'apps', 'ledger-cli', 'src', 'main.js');
/** The rows of a CSV answer, as objects by its header. */
const rowsOf = (csv: string) => {
  const [header, ...lines] = csv.trim().split('\r\n');
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i], cell])));
};

describe('npm run cli -- view <name> --as-of: a view as it stood then, as CSV', () => {
  let ledger: LedgerTestApp;
  let given: Scenario;
  let w2: string;
  let dvr: string;
  let fep: Staff;
  let counselor: Staff;
  let auditor: Staff;
  let temp: string;

  const post = (path: string, token: string, body: object) => given.command(path, token, body);
  /** Runs the CLI on the app's data directory; the live read database is out of its reach (a server that is not there). */
  const view = (...args: string[]) =>
    execFileSync(process.execPath, [cli, 'view', ...args], {
      env: {
        ...process.env,
        LEDGER_DATA_DIR: ledger.dataDir,
        LEDGER_READ_DATABASE_URL: 'postgres://nobody@127.0.0.1:9/not-the-live-views',
        TMPDIR: temp,
      },
      stdio: 'pipe',
    }).toString();

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    given = new Scenario(ledger);
    ({ w2, dvr, fep, counselor } = await given.w2ReferringToDvr());
    auditor = await given.staff(null, ['auditor']);
    temp = mkdtempSync(join(tmpdir(), 'ledger-view-e2e-'));
  });
  afterAll(async () => {
    await ledger.stop();
    rmSync(temp, { recursive: true, force: true });
  });

  it('lacks what was recorded after the position or time, while the live views have it', async () => {
    const { customerId, first, then, opened } = await given.referralAcceptedAfterAMoment({
      w2,
      dvr,
      fep,
      counselor,
    });
    const assess = (token: string, partnerId: string) =>
      post('/api/v1/assessments', token, {
        customerId,
        partnerId,
        kind: 'skills',
        instrument: 'i',
        performedAt: '2026-03-02T15:00:00Z',
        findings: { strengths: [], needs: [], barriers: [] },
      });
    await assess(fep.token, w2);
    const last = await assess(counselor.token, dvr);

    const live = await ledger
      .get(`/api/v1/referrals?customerId=${customerId}&minPosition=${last.position}`, auditor.token)
      .set('Accept', 'text/csv');
    expect(rowsOf(live.text).map((r) => [r.referralId, r.status])).toEqual([[first.id, 'accepted']]);

    const out = join(temp, 'referrals.csv');
    view('referrals', '--as-of', first.position, '--out', out, '--customer', customerId);
    const asOfPosition = readFileSync(out, 'utf8');
    // The API's columns, and the referral as it stood: requested, not yet accepted.
    expect(asOfPosition.split('\r\n')[0]).toBe(live.text.split('\r\n')[0]);
    expect(rowsOf(asOfPosition).map((r) => [r.referralId, r.customerId, r.status])).toEqual([
      [first.id, customerId, 'requested'],
    ]);
    expect(view('referrals', '--as-of', then, '--customer', customerId)).toBe(asOfPosition);

    const caseload = (asOf: string[]) =>
      rowsOf(view('caseload-worker', '--worker', fep.id, ...asOf)).filter((r) => r.list === 'cases');
    expect(caseload(['--as-of', then])).toEqual([]);
    expect(caseload([]).map((r) => r.caseId)).toEqual([opened.id]);

    const repeats = (asOf: string[]) =>
      rowsOf(view('duplicates', '--kind', 'assessment', ...asOf)).map((r) => r.kind);
    expect(repeats(['--as-of', then])).toEqual([]);
    expect(repeats(['--as-of', last.position])).toEqual(['assessment']);

    const figures = rowsOf(view('service-integration', '--as-of', first.position, '--partner', w2));
    expect(figures).toEqual([expect.objectContaining({ customers: '1', assessmentsRepeated: '0' })]);
    const pairs = rowsOf(view('referral-report', '--as-of', first.position));
    expect(pairs).toEqual([expect.objectContaining({ fromPartnerId: w2, 'byStatus.requested': '1' })]);

    // Every temporary read database was removed; only the file asked for is left.
    expect(readdirSync(temp)).toEqual(['referrals.csv']);
  });

  it('refuses a position not reached, an --as-of it cannot read, and options a view does not take', () => {
    const fails = (...args: string[]) => {
      try {
        view(...args);
      } catch (error) {
        return String((error as { stderr: Buffer }).stderr);
      }
      throw new Error('the command succeeded');
    };
    expect(fails('referrals', '--as-of', '99999999')).toMatch(/has not reached position 99999999/);
    expect(fails('referrals', '--as-of', 'yesterday')).toMatch(/--as-of must be/);
    expect(fails('referrals', '--kind', 'customer')).toMatch(/--kind does not apply to view referrals/);
    expect(fails('timeliness', '--from', 'March')).toMatch(/--from must be a date/);
    expect(fails('caseload-partner')).toMatch(/needs --partner/);
  });
});
