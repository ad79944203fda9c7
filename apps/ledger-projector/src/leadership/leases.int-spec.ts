import { setTimeout as sleep } from 'node:timers/promises';
import {
  type PostgresServer,
  postgresAvailability,
  startPostgres,
} from '@ledger/event-sourcing/testing/postgres';
import { Pool } from 'pg';
import { ProjectionLeases } from './leases';

const availability = postgresAvailability();

(availability.available ? describe : describe.skip)(
  `projection leases on PostgreSQL${availability.available ? '' : ` (skipped: ${availability.reason})`}`,
  () => {
    let server: PostgresServer;
    let pool: Pool;
    let leases: ProjectionLeases;
    beforeAll(async () => {
      server = await startPostgres();
    }, 60_000);
    afterAll(() => server?.stop());
    beforeEach(async () => {
      pool = new Pool({ connectionString: await server.createDatabase(), max: 12 });
      leases = new ProjectionLeases(pool);
      await Promise.all([leases.ensureTable(), leases.ensureTable()]);
    });
    afterEach(() => pool.end());

    it('of many replicas asking at once, exactly one gets the lease', async () => {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => leases.tryAcquire('caseload', `r${i}`, 5000)),
      );
      const winners = answers.filter((answer) => answer !== undefined);
      expect(winners).toHaveLength(1);
      expect(winners[0]).toMatchObject({ projection: 'caseload', epoch: 1 });
      expect(await leases.current('caseload')).toMatchObject({ holder: winners[0]?.holder, epoch: 1 });
      // Another projection's lease is its own.
      expect(await leases.tryAcquire('duplicates', 'r0', 5000)).toMatchObject({ epoch: 1 });
    });

    it('a lease is renewed by its holder only, taken only once expired, and the old holder then learns it', async () => {
      const first = (await leases.tryAcquire('caseload', 'a', 300))!;
      expect(await leases.tryAcquire('caseload', 'b', 300)).toBeUndefined();
      expect(await leases.renew(first, 300)).toBe(true);
      expect(await leases.renew({ ...first, holder: 'b' }, 300)).toBe(false);
      await sleep(400);
      expect((await leases.current('caseload'))!.remainingMs).toBeLessThan(0);
      const second = await leases.tryAcquire('caseload', 'b', 300);
      expect(second).toEqual({ projection: 'caseload', holder: 'b', epoch: 2 });
      expect(await leases.renew(first, 300)).toBe(false);
      await leases.release(first);
      expect(await leases.tryAcquire('caseload', 'c', 300)).toBeUndefined();
      await leases.release(second!);
      expect(await leases.tryAcquire('caseload', 'c', 300)).toMatchObject({ holder: 'c', epoch: 3 });
    });
  },
);
if (!availability.available) process.stderr.write(`\nSKIPPED projection leases: ${availability.reason}\n`);
