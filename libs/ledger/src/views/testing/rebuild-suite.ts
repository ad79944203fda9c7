import type { ReadDatabase, ReadDatabaseTarget } from '@ledger/event-sourcing';
import fc from 'fast-check';
import { sql } from 'kysely';
import { ledgerViews, VIEW_BATCH_SIZE } from '../index';
import { ViewWorld } from './view-world';
import { randomWorkload, type WorkloadEvent } from './workload';

/** Every row of every view's table, in key order: what two generations must agree on. */
export async function allRows(database: ReadDatabase) {
  const rows: Record<string, unknown[]> = {};
  for (const view of ledgerViews) {
    for (const table of Object.keys(view.tables)) {
      const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
        database.db,
      );
      rows[table] = result.rows
        .map((row) => JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))))
        .sort();
    }
  }
  return rows;
}

/** Records a round concurrently (distinct streams), naming corrected events by their stored ids. */
async function recordRound(world: ViewWorld, round: readonly WorkloadEvent[]) {
  const positions = await Promise.all(
    round.map(async (event) => {
      const data = { ...event.data };
      if (typeof data.eventId === 'string' && data.eventId.includes('#')) {
        const [stream, index] = data.eventId.split('#');
        data.eventId = (await world.store.readStream(stream))[Number(index)]?.eventId;
      }
      return world.record(event.stream, event.type, data, {
        occurredAt: event.occurredAt,
        actor: event.actor,
      });
    }),
  );
  return positions;
}

export function rebuildSuite(freshTarget: (dir: string) => Promise<ReadDatabaseTarget>) {
  describe('rebuilding the views', () => {
    it('gives exactly the rows the live views hold after a random workload, however batches were cut', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer(),
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 1, max: 40 }),
          async (seed, batchSize, chunkSize) => {
            const world = new ViewWorld(freshTarget);
            try {
              const { database, runner } = await world.views(undefined, batchSize);
              for (const round of randomWorkload(seed, 12, 25)) await recordRound(world, round);
              await world.caughtUp(runner);
              const live = await allRows(database);
              expect(Object.values(live).flat().length).toBeGreaterThan(50);
              for (const view of ledgerViews) await runner.rebuild(view.name);
              expect((await runner.status()).map((s) => s.generation)).toEqual([2]);
              expect(await allRows(database)).toEqual(live);
              // From zero again elsewhere, in the one large transaction of a catch-up, applied in chunks.
              const fresh = await world.views(undefined, VIEW_BATCH_SIZE, chunkSize);
              await world.caughtUp(fresh.runner);
              expect(await allRows(fresh.database)).toEqual(live);
            } finally {
              await world.close();
            }
          },
        ),
        { numRuns: 3 },
      );
    }, 120_000);
  });
}
