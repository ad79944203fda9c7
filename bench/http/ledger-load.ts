import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { surname } from '../../test/support/scenario';

/** Shared by the HTTP benchmark and the profiling driver: the server, a worker's token, the load. */
export const DIST = join(__dirname, '..', '..');
export const CONNECTIONS = 64;

export function start(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeArgs, script], {
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

export async function stop(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

export async function load(
  url: string,
  token: string | undefined,
  body: object | ((n: number) => object),
  seconds: number,
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
    duration: seconds,
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
  return { ok, rate: ok / seconds, p99: result.latency.p99 };
}

/** GETs of `url`, or of each of `paths` in turn (on `url`'s server) when given. */
export async function loadGet(url: string, token: string, seconds: number, paths?: string[]) {
  const headers = { authorization: `Bearer ${token}`, 'x-work-reason': 'case review' };
  let n = 0;
  const result = await autocannon({
    url,
    method: 'GET',
    connections: CONNECTIONS,
    duration: seconds,
    headers,
    ...(paths && {
      requests: [{ setupRequest: (request) => ({ ...request, path: paths[n++ % paths.length] }) }],
    }),
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

/** Every registration a different person (surname, birth date and SSN vary), as at a real intake desk. */
export function registration(n: number) {
  return {
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
  };
}

/**
 * Registrations as agency apps make them (architecture.md): each with the id of a clearance search made
 * earlier for the same identity, so the registration reuses its candidates. The `count` searches are made
 * before the load, 64 at a time; a registration past them has no search id.
 */
export async function clearedRegistrations(
  base: string,
  token: string,
  count: number,
): Promise<(n: number) => object> {
  const searchIds: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (let n = next++; n < count; n = next++) {
        const { clearance: _, ...identity } = registration(n);
        const search = await call(base, token, '/api/v1/clearance-searches', identity);
        searchIds[n] = (search as unknown as { searchId: string }).searchId;
      }
    }),
  );
  return (n) =>
    n < count
      ? { ...registration(n), clearance: { searchId: searchIds[n], acknowledgedCandidateIds: [] } }
      : registration(n);
}

export async function call(base: string, token: string, path: string, body: object): Promise<{ id: string }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string };
}

/** An active W-2 worker account in a fresh ledger, and its token (issued by the CLI, as an admin would). */
export async function workerToken(base: string, dataDir: string): Promise<string> {
  const admin = readFileSync(join(dataDir, 'bootstrap-token'), 'utf8').trim();
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
  return execFileSync(
    process.execPath,
    [join(DIST, 'apps/ledger-cli/src/main.js'), 'token', 'issue', '--account', account.id],
    { env: { ...process.env, LEDGER_DATA_DIR: dataDir } },
  )
    .toString()
    .trim();
}
