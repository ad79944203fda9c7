import type { ChildProcess } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { scratchDir } from '../bench-kit';
import { summariseProfile } from './cpu-profile-summary';
import {
  call,
  clearedRegistrations,
  DIST,
  load,
  loadGet,
  registration,
  start,
  stop,
  workerToken,
} from './ledger-load';

/**
 * Where a hot route's CPU goes: `node dist/bench/http/profile-routes.js register|read|read-many|noop [seconds]`.
 * Starts the server with the profiler preloaded, warms the route up, then profiles a load window and
 * prints the process's CPU ms per request (all threads) and the main thread's profile by function.
 */
const TICK_MS = 10; // /proc/<pid>/stat counts clock ticks of 10 ms (USER_HZ = 100)

function cpuMs(stat: string): number {
  const fields = readFileSync(stat, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime + stime
}

/** CPU of the whole process (all threads) and of its main thread (the event loop: the bottleneck). */
function cpuNow(pid: number) {
  return { all: cpuMs(`/proc/${pid}/stat`), main: cpuMs(`/proc/${pid}/task/${pid}/stat`) };
}

async function profiled(
  child: ChildProcess,
  file: string,
  drive: () => Promise<{ ok: number; rate: number; p99: number }>,
) {
  child.kill('SIGWINCH');
  await new Promise((r) => setTimeout(r, 200));
  const before = cpuNow(child.pid!);
  const result = await drive();
  const after = cpuNow(child.pid!);
  const [all, main] = [after.all - before.all, after.main - before.main];
  const written = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server wrote no profile within 60 s')), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (/profile written/.test(chunk.toString())) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  child.kill('SIGWINCH');
  await written;
  console.log(
    `${result.ok} answers, ${result.rate.toFixed(0)} req/s, p99 ${result.p99} ms; CPU per request: ` +
      `${(all / result.ok).toFixed(3)} ms all threads, ${(main / result.ok).toFixed(3)} ms main thread`,
  );
  summariseProfile(JSON.parse(readFileSync(file, 'utf8')), result.ok);
  // KEEP_PROFILE=<file> keeps it for a closer look (e.g. in Chrome DevTools), with the count of answers.
  if (process.env.KEEP_PROFILE) {
    copyFileSync(file, process.env.KEEP_PROFILE);
    console.log(`profile kept in ${process.env.KEEP_PROFILE} (${result.ok} answers)`);
  }
}

/** Events per commit: a batch is committed with one `recordedAt` (two commits in one millisecond count once). */
function groupCommits(file: string): void {
  const db = new Database(file, { readonly: true });
  const { events, commits } = db
    .prepare(
      "SELECT count(*) AS events, count(DISTINCT json_extract(canonical, '$.metadata.recordedAt')) AS commits FROM events",
    )
    .get() as { events: number; commits: number };
  db.close();
  console.log(
    `group commit: ${events} events in ~${commits} commits (~${(events / commits).toFixed(1)} a commit)`,
  );
}

async function main() {
  const [mode = 'register', secondsText = '10'] = process.argv.slice(2);
  const seconds = Number(secondsText);
  const scratch = scratchDir('profile');
  const file = join(scratch.dir, `${mode}.cpuprofile`);
  const preload = ['-r', join(DIST, 'bench/http/cpu-profiler.js')];
  if (mode === 'noop') {
    const noop = await start(
      join(DIST, 'bench/http/noop-server.js'),
      { PORT: '3493', CPU_PROFILE_FILE: file },
      preload,
    );
    server = noop;
    const body = { firstName: 'Ana', lastName: 'Reyes', sex: 'F' };
    await load('http://127.0.0.1:3493/noop', undefined, body, 2);
    await profiled(noop, file, () => load('http://127.0.0.1:3493/noop', undefined, body, seconds));
    await stop(noop);
  } else {
    const ledger = await start(
      join(DIST, 'apps/ledger-api/src/main.js'),
      { PORT: '3494', LEDGER_DATA_DIR: scratch.dir, LEDGER_LOG_LEVEL: 'warn', CPU_PROFILE_FILE: file },
      preload,
    );
    server = ledger;
    const base = 'http://127.0.0.1:3494';
    const token = await workerToken(base, scratch.dir);
    let n = 0;
    const next = () => registration(n++);
    if (mode === 'register') {
      // As the benchmark registers: each with the id of an earlier search (made before the profile).
      const cleared = await clearedRegistrations(base, token, 20_000);
      const nextCleared = () => cleared(n++);
      await load(`${base}/api/v1/customers`, token, nextCleared, 3);
      await profiled(ledger, file, () => load(`${base}/api/v1/customers`, token, nextCleared, seconds));
    } else if (mode === 'read-many') {
      // Reads spread over 2,000 customers: what a read costs when the record is not kept from an earlier one.
      const ids: string[] = [];
      for (let i = 0; i < 2000; i += 50) {
        const batch = Array.from({ length: 50 }, (_, j) => registration(100_000 + i + j));
        ids.push(
          ...(await Promise.all(batch.map((b) => call(base, token, '/api/v1/customers', b)))).map(
            (c) => c.id,
          ),
        );
      }
      const paths = ids.map((id) => `/api/v1/customers/${id}`);
      await loadGet(base, token, 2, paths);
      await profiled(ledger, file, () => loadGet(base, token, seconds, paths));
    } else {
      // A ledger that already holds some customers, as the read benchmark's does.
      await load(`${base}/api/v1/customers`, token, next, 3);
      const target = await call(base, token, '/api/v1/customers', {
        firstName: 'Read',
        lastName: 'Target',
        dateOfBirth: '1980-01-01',
        workReason: 'intake',
        clearance: { acknowledgedCandidateIds: [] },
      });
      const url = `${base}/api/v1/customers/${target.id}`;
      await loadGet(url, token, 2);
      await profiled(ledger, file, () => loadGet(url, token, seconds));
    }
    await stop(ledger);
    groupCommits(join(scratch.dir, 'events.db'));
  }
  scratch.dispose();
}

let server: ChildProcess | undefined;

main().catch((error) => {
  console.error(error);
  server?.kill('SIGKILL'); // never leave a server behind
  process.exit(1);
});
