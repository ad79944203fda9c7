import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

export type PostgresAvailability =
  | { available: true; url: string }
  | { available: true; binaries: string; runAs?: { user: string; uid: number; gid: number } }
  | { available: false; reason: string };

export interface PostgresServer {
  /** A new, empty database; dropped by `stop`. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Decided synchronously, so a test file can skip (saying why) before it collects its tests:
 * `LEDGER_TEST_POSTGRES_URL` when set; else `initdb`/`pg_ctl` on PATH or under /usr/lib/postgresql,
 * run as the `postgres` user when we are root (PostgreSQL refuses to run as root).
 */
export function postgresAvailability(env: NodeJS.ProcessEnv = process.env): PostgresAvailability {
  if (env.LEDGER_TEST_POSTGRES_URL) return { available: true, url: env.LEDGER_TEST_POSTGRES_URL };
  const binaries = findBinaries(env.PATH ?? '');
  if (!binaries)
    return { available: false, reason: 'no LEDGER_TEST_POSTGRES_URL and no initdb/pg_ctl found' };
  if (process.getuid?.() !== 0) return { available: true, binaries };
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  if (uid.status !== 0) return { available: false, reason: 'running as root and there is no postgres user' };
  const runAs = { user: 'postgres', uid: Number(uid.stdout.trim()), gid: Number(id('-g').stdout.trim()) };
  return { available: true, binaries, runAs };
}

function findBinaries(path: string): string | undefined {
  const onPath = path
    .split(':')
    .find((dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (onPath) return onPath;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
}

/**
 * A PostgreSQL server for tests and benchmarks: the given URL, or a throwaway cluster on a free port,
 * its socket and data in a directory under /tmp that the server's user owns, reached over 127.0.0.1.
 * `durable: false` (tests) turns fsync off; benchmarks keep PostgreSQL's defaults.
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<PostgresServer> {
  const availability = postgresAvailability();
  if (!availability.available) throw new Error(`PostgreSQL unavailable: ${availability.reason}`);
  if ('url' in availability) return withDatabases(availability.url, { dropOnStop: true });

  const dir = join('/tmp', `ledger-pg-${randomBytes(6).toString('hex')}`);
  mkdirSync(dir, { mode: 0o700 });
  const { binaries, runAs } = availability;
  if (runAs) chownSync(dir, runAs.uid, runAs.gid);
  const as = (command: string, args: string[]) =>
    runAs
      ? ([runuserPath(), ['-u', runAs.user, '--', join(binaries, command), ...args]] as const)
      : ([join(binaries, command), args] as const);
  const data = join(dir, 'data');
  const stopCluster = () => {
    const [command, args] = as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    spawnSync(command, [...args], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  // Should the test runner die without calling stop, the cluster still goes with this process.
  process.once('exit', stopCluster);
  try {
    const port = await freePort();
    const [initdb, initArgs] = as('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    await run(initdb, [...initArgs]);
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=100',
      ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    ].join(' ');
    const [pgCtl, ctlArgs] = as('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      settings,
      'start',
    ]);
    await run(pgCtl, [...ctlArgs]);
    return withDatabases(`postgres://postgres@127.0.0.1:${port}/postgres`, {
      dropOnStop: false,
      shutdown: async () => {
        process.removeListener('exit', stopCluster);
        stopCluster();
      },
    });
  } catch (error) {
    process.removeListener('exit', stopCluster);
    stopCluster();
    throw error;
  }
}

/** Databases made in a server we were given are dropped at the end; a throwaway cluster just goes. */
function withDatabases(
  adminUrl: string,
  options: { dropOnStop: boolean; shutdown?: () => Promise<void> },
): PostgresServer {
  const created: string[] = [];
  const admin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    async createDatabase() {
      const name = `ledger_test_${randomBytes(6).toString('hex')}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      if (options.dropOnStop) {
        await admin(async (client) => {
          for (const name of created.splice(0))
            await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        });
      }
      await options.shutdown?.();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** runuser lives in sbin, which a minimal PATH (cron, some CI runners) leaves out. */
function runuserPath(): string {
  const onPath = (process.env.PATH ?? '').split(':').map((dir) => join(dir, 'runuser'));
  return (
    [...onPath, '/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((file) => existsSync(file)) ??
    'runuser'
  );
}
