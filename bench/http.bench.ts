import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { surname } from '../test/support/scenario';
import { type Benchmark, report, scratchDir } from './bench-kit';

const DIST = join(__dirname, '..');
const CONNECTIONS = 64;
const SECONDS = 10;

function start(script: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (/listening|bootstrap token/.test(chunk.toString())) setTimeout(() => resolve(child), 300);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

async function load(
  url: string,
  token: string | undefined,
  body: object | ((n: number) => object),
  extra: Record<string, string> = {},
) {
  let n = 0;
  const next = typeof body === 'function' ? body : () => body;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...extra };
  if (token) headers.authorization = `Bearer ${token}`;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers,
    body: JSON.stringify(next(0)),
    // Each request a different body when `body` is a function of the request's number.
    setupClient: (client) => {
      client.setBody(JSON.stringify(next(++n)));
      client.on('response', () => client.setBody(JSON.stringify(next(++n))));
    },
  });
  const ok = result['2xx'];
  if (ok === 0 || result.non2xx > 0)
    throw new Error(`${url}: ${ok} ok, ${result.non2xx} refused, ${result.errors} errors`);
  return { rate: ok / SECONDS, p99: result.latency.p99 };
}

async function loadGet(url: string, token: string, seconds: number) {
  const headers = { authorization: `Bearer ${token}`, 'x-work-reason': 'case review' };
  const result = await autocannon({
    url,
    method: 'GET',
    connections: CONNECTIONS,
    duration: seconds,
    headers,
  });
  if (result.non2xx > 0) throw new Error(`${url}: ${result.non2xx} refused`);
  return { ok: result['2xx'], rate: result['2xx'] / seconds, p99: result.latency.p99 };
}

const FIRST_NAMES = [
  'Ana',
  'Luis',
  'Maria',
  'James',
  'Keisha',
  'Tou',
  'Fatima',
  'Robert',
  'Linda',
  'Jamal',
  'Mai',
  'Carlos',
  'Emily',
  'Omar',
  'Grace',
  'Pedro',
];

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

async function call(base: string, token: string, path: string, body: object): Promise<{ id: string }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string };
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
      const yardstick = await load('http://127.0.0.1:3491/noop', undefined, {
        firstName: 'Ana',
        lastName: 'Reyes',
        sex: 'F',
      });
      await stop(noop);

      const scratch = scratchDir('http');
      const ledger = await start(join(DIST, 'apps/ledger-api/src/main.js'), {
        PORT: '3492',
        LEDGER_DATA_DIR: scratch.dir,
        LEDGER_LOG_LEVEL: 'warn',
      });
      const base = 'http://127.0.0.1:3492';
      const admin = readFileSync(join(scratch.dir, 'bootstrap-token'), 'utf8').trim();
      const partner = await call(base, admin, '/api/v1/partners', {
        name: 'W-2',
        kind: 'w2-agency',
        programs: ['w2'],
      });
      const account = await call(base, admin, '/api/v1/accounts', {
        legalName: 'Bench Worker',
        partnerId: partner.id,
        email: 'bench@agency.example',
        roles: ['w2-fep'],
      });
      await call(base, admin, `/api/v1/accounts/${account.id}/activation`, {});
      const { execFileSync } = await import('node:child_process');
      const worker = execFileSync(
        process.execPath,
        [join(DIST, 'apps/ledger-cli/src/main.js'), 'token', 'issue', '--account', account.id],
        {
          env: { ...process.env, LEDGER_DATA_DIR: scratch.dir },
        },
      )
        .toString()
        .trim();
      // Every registration a different person (surname, birth date and SSN vary), as at a real intake desk.
      const register = await load(`${base}/api/v1/customers`, worker, (n) => ({
        firstName: FIRST_NAMES[n % FIRST_NAMES.length],
        lastName: surname(n),
        dateOfBirth: `${1940 + (n % 60)}-${String(1 + ((n >> 3) % 12)).padStart(2, '0')}-${String(1 + ((n >> 7) % 28)).padStart(2, '0')}`,
        ssn: `5${String(n % 100).padStart(2, '0')}-${String(10 + ((n >> 7) % 89)).padStart(2, '0')}-${String(1000 + (n % 9000)).padStart(4, '0')}`,
        address: {
          line1: `${n + 1} Water St`,
          city: 'Milwaukee',
          state: 'WI',
          postalCode: String(53000 + (n % 900)),
        },
        workReason: 'intake',
        clearance: { acknowledgedCandidateIds: [] },
      }));
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
