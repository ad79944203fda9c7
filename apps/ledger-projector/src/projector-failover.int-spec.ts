import { setTimeout as sleep } from 'node:timers/promises';
import type { ReadDatabase } from '@ledger/event-sourcing';
import {
  type PostgresServer,
  postgresAvailability,
  startPostgres,
} from '@ledger/event-sourcing/testing/postgres';
import {
  eventually,
  expectedRows,
  generationsOf,
  ProjectionWorld,
  rowsOf,
} from '@ledger/event-sourcing/testing/projection-suite';
import { sampleProjection } from '@ledger/event-sourcing/testing/sample-projection';
import { sql } from 'kysely';
import { ProjectorProcess } from './testing/projector-process';

/*
 * Failover on real processes: projector replicas (the real projector, running the sample projection)
 * against the real PostgreSQL the harness starts, reading one SQLite event store that this test keeps
 * appending to. Figures are printed; the only timing asserted is the takeover bound the lease promises,
 * with room for a loaded machine's scheduling.
 */
const LEASE_MS = 2000;
/** Scheduling and query latency on a loaded two-core machine, beyond the lease itself. */
const SLACK_MS = 2000;
const HANDLED = ['Thing', 'ReferralMade'];
const availability = postgresAvailability();

async function leaseRow(database: ReadDatabase) {
  const { rows } = await sql<{ holder: string; epoch: string; acquired_ms: number; expires_ms: number }>`
    SELECT holder, epoch, extract(epoch FROM acquired_at) * 1000 AS acquired_ms,
           extract(epoch FROM expires_at) * 1000 AS expires_ms
    FROM projection_leases WHERE projection = 'sample'`.execute(database.db);
  const [row] = rows;
  return {
    holder: row.holder,
    epoch: Number(row.epoch),
    acquiredMs: Number(row.acquired_ms),
    expiresMs: Number(row.expires_ms),
  };
}

async function serverNowMs(database: ReadDatabase): Promise<number> {
  const { rows } = await sql<{
    ms: number;
  }>`SELECT extract(epoch FROM clock_timestamp()) * 1000 AS ms`.execute(database.db);
  return Number(rows[0].ms);
}

(availability.available ? describe : describe.skip)(
  `ledger-projector failover on PostgreSQL${availability.available ? '' : ` (skipped: ${availability.reason})`}`,
  () => {
    let server: PostgresServer;
    let world: ProjectionWorld;
    const processes: ProjectorProcess[] = [];
    beforeAll(async () => {
      server = await startPostgres();
    }, 60_000);
    afterAll(() => server?.stop());
    beforeEach(() => {
      world = new ProjectionWorld(async () => ({ kind: 'postgres', url: await server.createDatabase() }));
    });
    afterEach(async () => {
      for (const child of processes.splice(0)) await child.kill();
      await world.close();
    });

    const append = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        await world.append(
          `${['thing', 'case', 'plan'][i % 3]}-${i % 41}`,
          ['Thing', 'ReferralMade', 'Other'].slice(i % 3),
        );
      }
    };
    const projector = (name: string, url: string) => {
      const child = new ProjectorProcess(name, {
        LEDGER_EVENT_STORE: 'sqlite',
        LEDGER_DATA_DIR: world.dir,
        LEDGER_READ_DATABASE_URL: url,
        LEDGER_PROJECTOR_LEASE_MS: String(LEASE_MS),
        LEDGER_PROJECTOR_BATCH_SIZE: '40',
        LEDGER_LOG_LEVEL: 'debug',
        PORT: '0',
        SAMPLE_MID_BATCH_MS: '5',
      });
      processes.push(child);
      return child;
    };
    /** Waits for the projection to reach the store's head, then checks its rows against a run never interrupted. */
    const expectRowsOfAnUninterruptedRun = async (database: ReadDatabase) => {
      const head = (await world.store.headPosition())!;
      await eventually(async () => (await generationsOf(database))[0]?.position === head, 60_000);
      const reference = await world.database();
      const runner = world.runner(reference, [sampleProjection()]);
      await runner.start();
      expect(await runner.waitFor(head, 60_000)).toBe(true);
      expect(await rowsOf(database)).toEqual(await rowsOf(reference));
      expect(await rowsOf(database)).toEqual(expectedRows(await world.events(), HANDLED));
      expect((await generationsOf(database))[0].eventsRead).toBe((await world.events()).length);
    };

    it('the active projector SIGKILLed mid-stream: the standby takes over within the lease; rows as if never interrupted', async () => {
      await append(0, 900);
      const target = await world.freshTarget(world.dir);
      if (target.kind !== 'postgres') throw new Error('a PostgreSQL target was expected');
      const database = await world.database(target);

      const a = projector('replica-a', target.url);
      await a.waitFor((line) => line.msg === 'leading');
      const b = projector('replica-b', target.url);
      await b.waitFor((line) => line.msg === 'standing by');

      // Events keep arriving while A works through the backlog; A dies a few batches in.
      const appending = append(900, 1800);
      await a.waitFor((line) => line.msg === 'checkpoint' && a.count('checkpoint') >= 6);
      const killedAt = await serverNowMs(database);
      const { expiresMs: deadLeaseExpiresMs } = await leaseRow(database);
      a.signal('SIGKILL');
      await a.exited;
      const atKill = (await generationsOf(database))[0].position;

      await b.waitFor((line) => line.msg === 'leading', 30_000);
      const taken = await leaseRow(database);
      const takeoverMs = taken.acquiredMs - killedAt;
      process.stdout.write(
        `FAILOVER SIGKILL: takeover ${Math.round(takeoverMs)} ms after the kill (lease ${LEASE_MS} ms; ` +
          `the dead lease had ${Math.round(deadLeaseExpiresMs - killedAt)} ms left; taken ` +
          `${Math.round(taken.acquiredMs - deadLeaseExpiresMs)} ms after it expired)\n`,
      );
      expect(taken).toMatchObject({ holder: 'replica-b', epoch: 2 });
      expect(taken.acquiredMs).toBeGreaterThanOrEqual(deadLeaseExpiresMs);
      expect(takeoverMs).toBeLessThanOrEqual(LEASE_MS + SLACK_MS);

      const { port } = await b.waitFor((line) => line.msg === 'projector started');
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({
        status: 'ok',
        holder: 'replica-b',
        projections: [{ name: 'sample', role: 'leader', epoch: 2 }],
      });
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain('ledger_projector_leader{projection="sample"} 1');
      expect(metrics).toMatch(/ledger_projection_events_behind\{projection="sample"\} \d+/);

      await appending;
      expect(world.store.comparePositions(atKill!, (await world.store.headPosition())!)).toBeLessThan(0);
      await expectRowsOfAnUninterruptedRun(database);

      // A clean stop gives the lease back at once.
      b.signal('SIGTERM');
      expect(await b.exited).toBe(0);
      const released = await leaseRow(database);
      expect(released.expiresMs).toBeLessThanOrEqual(await serverNowMs(database));
    }, 120_000);

    it('a leader that hangs (SIGSTOP) loses the projection when its lease runs out and stands down when it wakes', async () => {
      await append(0, 400);
      const target = await world.freshTarget(world.dir);
      if (target.kind !== 'postgres') throw new Error('a PostgreSQL target was expected');
      const database = await world.database(target);
      const a = projector('replica-a', target.url);
      await a.waitFor((line) => line.msg === 'leading');
      const b = projector('replica-b', target.url);
      await b.waitFor((line) => line.msg === 'standing by');
      const appending = append(400, 1000);
      await a.waitFor((line) => line.msg === 'checkpoint' && a.count('checkpoint') >= 3);

      a.signal('SIGSTOP');
      const { expiresMs: hungLeaseExpiresMs } = await leaseRow(database);
      await b.waitFor((line) => line.msg === 'leading', 30_000);
      const taken = await leaseRow(database);
      expect(taken).toMatchObject({ holder: 'replica-b', epoch: 2 });
      expect(taken.acquiredMs).toBeGreaterThanOrEqual(hungLeaseExpiresMs);
      // B makes progress although A may have been stopped inside a batch's transaction.
      const before = b.count('checkpoint');
      await b.waitFor((line) => line.msg === 'checkpoint' && b.count('checkpoint') > before, 30_000);

      const seen = a.lines.length;
      a.signal('SIGCONT');
      const down = await a.waitFor((line) => line.msg === 'standing down', 30_000, seen);
      expect(down.reason).toMatch(/could not renew the lease in time|another process took the lease over/);
      await appending;
      await sleep(LEASE_MS);
      expect((await leaseRow(database)).holder).toBe('replica-b');
      await expectRowsOfAnUninterruptedRun(database);
    }, 120_000);
  },
);
if (!availability.available) process.stderr.write(`\nSKIPPED projector failover: ${availability.reason}\n`);
