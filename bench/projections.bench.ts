import { join } from 'node:path';
import { type Position, SqliteEventStore } from '@ledger/event-sourcing';
import { ProjectionRunner } from '@ledger/event-sourcing/projections/projection-runner';
import { openReadDatabase, type ReadDatabaseTarget } from '@ledger/event-sourcing/projections/read-database';
import { appendOptionsFor } from '@ledger/event-sourcing/testing/append-options';
import { postgresAvailability, startPostgres } from '@ledger/event-sourcing/testing/postgres';
import { type SampleTables, sampleProjection } from '@ledger/event-sourcing/testing/sample-projection';
import { type Benchmark, percentile, report, scratchDir } from './bench-kit';
import { millionEvents } from './event-store.bench';

const BATCH = 4000;

/**
 * A projection built from the first event into empty tables, over the 1,000,000-event data set: the
 * work of a rebuild (a first build and `rebuild` run the same loop from no checkpoint). The sample
 * projection upserts a row per stream (100,000 streams) and a counter per category.
 */
async function rebuildRate(target: ReadDatabaseTarget): Promise<number> {
  const store = new SqliteEventStore(millionEvents());
  const database = await openReadDatabase(target);
  const runner = new ProjectionRunner({
    store,
    database,
    projections: [sampleProjection()],
    batchSize: BATCH,
  });
  const head = (await store.headPosition())!;
  const started = performance.now();
  await runner.start();
  if (!(await runner.waitFor(head, 30 * 60_000))) throw new Error('the projection did not reach the head');
  const seconds = (performance.now() - started) / 1000;
  const [counts] = await database
    .tables<SampleTables>()
    .selectFrom('sample_categories')
    .selectAll()
    .execute();
  if (Number(counts?.events) !== 1_000_000)
    throw new Error(`projected ${counts?.events} events, not 1,000,000`);
  await runner.stop();
  await database.close();
  await store.close();
  return 1_000_000 / seconds;
}

/** Appends at `rate`/s for `seconds`; each one's lag is from its acknowledgement to the checkpoint passing it. */
async function lagUnderLoad(rate: number, seconds: number): Promise<number[]> {
  const scratch = scratchDir('lag');
  const store = new SqliteEventStore(join(scratch.dir, 'events.db'));
  const database = await openReadDatabase({ kind: 'sqlite', file: join(scratch.dir, 'read.db') });
  const runner = new ProjectionRunner({ store, database, projections: [sampleProjection()] });
  const checkpoints: { position: Position; at: number }[] = [];
  runner.onCheckpoint((_name, position) => checkpoints.push({ position, at: performance.now() }));
  await runner.start();

  const acks: { position: Position; at: number }[] = [];
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  let sent = 0;
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    for (; sent < due; sent++) {
      const stream = `referral-${String(sent % 1000).padStart(4, '0')}`;
      const append = store.append(
        stream,
        [{ type: 'ReferralMade', data: { n: sent } }],
        appendOptionsFor('any'),
      );
      inFlight.push(
        append.then((result) => void acks.push({ position: result.position, at: performance.now() })),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  await runner.waitFor((await store.headPosition())!, 60_000);
  await runner.stop();
  await database.close();
  await store.close();
  scratch.dispose();

  const lags: number[] = [];
  let next = 0;
  for (const ack of [...acks].sort((a, b) => store.comparePositions(a.position, b.position))) {
    while (store.comparePositions(checkpoints[next].position, ack.position) < 0) next++;
    lags.push(Math.max(0, checkpoints[next].at - ack.at));
  }
  return lags.sort((a, b) => a - b);
}

export const projectionBenchmarks: Benchmark[] = [
  {
    name: 'projection-rebuild-sqlite',
    figures: ['projection_rebuild_sqlite'],
    async run() {
      const scratch = scratchDir('rebuild-sqlite');
      report(
        'projection_rebuild_sqlite',
        await rebuildRate({ kind: 'sqlite', file: join(scratch.dir, 'read.db') }),
        'events/s',
      );
      scratch.dispose();
    },
  },
  {
    name: 'projection-rebuild-postgres',
    figures: ['projection_rebuild_postgres'],
    async run() {
      const availability = postgresAvailability();
      if (!availability.available) {
        console.error(`# projection_rebuild_postgres skipped: ${availability.reason}`);
        return;
      }
      // PostgreSQL's defaults (fsync on): a commit per batch, as in production.
      const server = await startPostgres({ durable: true });
      try {
        report(
          'projection_rebuild_postgres',
          await rebuildRate({ kind: 'postgres', url: await server.createDatabase() }),
          'events/s',
        );
      } finally {
        await server.stop();
      }
    },
  },
  {
    name: 'projection-lag',
    figures: ['projection_lag_p99'],
    async run() {
      const lags = await lagUnderLoad(1000, 15);
      console.error(
        `# projection lag over ${lags.length} appends: ${[50, 90, 99.9].map((p) => `p${p} ${percentile(lags, p).toFixed(2)} ms`).join(', ')}, max ${lags[lags.length - 1].toFixed(1)} ms`,
      );
      report('projection_lag_p99', percentile(lags, 99), 'ms');
    },
  },
];
