import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Benchmark, report, scratchDir } from './bench-kit';
import {
  CONNECTIONS,
  call,
  clearedRegistrations,
  DIST,
  load,
  loadGet,
  start,
  stop,
  workerToken,
} from './http/ledger-load';

const SECONDS = 10;
/** Clearance searches made before the registration load: more than it registers in SECONDS here. */
const SEARCHES = 30_000;

async function answeredReads(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('ledger_http_requests_total{') &&
        l.includes('route="/api/v1/customers/:id"') &&
        l.includes('method="GET"') &&
        l.includes('status="200"'),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

function countRecordAccessed(dataDir: string): number {
  const db = new Database(join(dataDir, 'events.db'), { readonly: true });
  const { n } = db.prepare("SELECT count(*) AS n FROM events WHERE type = 'RecordAccessed'").get() as {
    n: number;
  };
  db.close();
  return n;
}

export const httpBenchmarks: Benchmark[] = [
  {
    name: 'http',
    figures: [
      'http_register_customer_64c',
      'http_register_customer_p99_64c',
      'http_noop_64c',
      'http_customer_read_64c',
      'http_customer_read_p99_64c',
    ],
    async run() {
      const noop = await start(join(DIST, 'bench/http/noop-server.js'), { PORT: '3491' });
      const yardstick = await load(
        'http://127.0.0.1:3491/noop',
        undefined,
        {
          firstName: 'Ana',
          lastName: 'Reyes',
          sex: 'F',
        },
        SECONDS,
      );
      await stop(noop);

      const scratch = scratchDir('http');
      const ledger = await start(join(DIST, 'apps/ledger-api/src/main.js'), {
        PORT: '3492',
        LEDGER_DATA_DIR: scratch.dir,
        LEDGER_LOG_LEVEL: 'warn',
      });
      const base = 'http://127.0.0.1:3492';
      const worker = await workerToken(base, scratch.dir);
      const cleared = await clearedRegistrations(base, worker, SEARCHES);
      const register = await load(`${base}/api/v1/customers`, worker, cleared, SECONDS);
      if (register.ok > SEARCHES) console.error(`# ${register.ok - SEARCHES} registrations had no search id`);
      // Reads with the access log on: every answer waits for the commit of its RecordAccessed.
      const customer = await call(base, worker, '/api/v1/customers', {
        firstName: 'Read',
        lastName: 'Target',
        dateOfBirth: '1980-01-01',
        workReason: 'intake',
        clearance: { acknowledgedCandidateIds: [] },
      }).catch(() => undefined);
      const read = customer
        ? await loadGet(`${base}/api/v1/customers/${customer.id}`, worker, 30)
        : undefined;
      // Reads the server answered 200 (autocannon stops counting the ones in flight when its time is up).
      const answered = read ? await answeredReads(base) : 0;
      await stop(ledger);
      const recorded = countRecordAccessed(scratch.dir);
      scratch.dispose();

      report('http_noop_64c', yardstick.rate, 'req/s');
      if (read) {
        // Every answer that went out has its record. A read cut off when the load stops may have its record
        // without its answer (at most one per connection): that is allowed, the reverse never.
        if (recorded < answered || recorded - answered > CONNECTIONS) {
          throw new Error(`access log: ${recorded} RecordAccessed for ${answered} successful reads`);
        }
        console.error(`# access log: ${recorded} RecordAccessed for ${answered} reads answered 200`);
        report('http_customer_read_64c', read.rate, 'req/s');
        report('http_customer_read_p99_64c', read.p99, 'ms');
      }
      report('http_register_customer_64c', register.rate, 'req/s');
      report('http_register_customer_p99_64c', register.p99, 'ms');
    },
  },
];
