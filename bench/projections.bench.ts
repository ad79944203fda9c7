import { join } from 'node:path';
import { defineProjection, type Position, SqliteEventStore } from '@ledger/event-sourcing';
import { ProjectionRunner } from '@ledger/event-sourcing/projections/projection-runner';
import { openReadDatabase, type ReadDatabaseTarget } from '@ledger/event-sourcing/projections/read-database';
import { postgresAvailability, startPostgres } from '@ledger/event-sourcing/testing/postgres';
import { type CaseworkTables, ledgerViews, type ReferralBoardTables, VIEW_BATCH_SIZE } from '@ledger/ledger';
import { type Benchmark, percentile, report, scratchDir } from './bench-kit';
import { ledgerAppends, ledgerMillionEvents } from './ledger-data';

/**
 * The ledger's views built from the first event into empty tables, over the 1,000,000-event ledger
 * history: the work of a rebuild (a first build and `rebuild` run the same loop from no checkpoint).
 * Every view reads every event (its checkpoint passes the ones it does not handle); the figure is events
 * per second until the last of them reaches the head.
 */
async function rebuildRate(target: ReadDatabaseTarget): Promise<number> {
  const store = new SqliteEventStore(ledgerMillionEvents());
  const database = await openReadDatabase(target);
  const runner = new ProjectionRunner({
    store,
    database,
    projections: ledgerViews,
    batchSize: VIEW_BATCH_SIZE,
  });
  const head = (await store.headPosition())!;
  const started = performance.now();
  await runner.start();
  if (!(await runner.waitFor(head, 30 * 60_000))) throw new Error('the views did not reach the head');
  const seconds = (performance.now() - started) / 1000;
  const db = database.tables<ReferralBoardTables & CaseworkTables>();
  const count = async (table: 'referral_board' | 'casework_cases' | 'casework_plans') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n,
    );
  const rows = {
    referrals: await count('referral_board'),
    cases: await count('casework_cases'),
    plans: await count('casework_plans'),
  };
  if (Object.values(rows).some((n) => !(n > 10_000)))
    throw new Error(`too few rows: ${JSON.stringify(rows)}`);
  console.error(`# views rebuilt: ${JSON.stringify(rows)} in ${seconds.toFixed(1)} s`);
  await runner.stop();
  await database.close();
  await store.close();
  return 1_000_000 / seconds;
}

/** The runner reading and parsing every event with nothing to apply: the ceiling of any rebuild here, now. */
async function readingRate(): Promise<number> {
  const scratch = scratchDir('read-only');
  const store = new SqliteEventStore(ledgerMillionEvents());
  const database = await openReadDatabase({ kind: 'sqlite', file: join(scratch.dir, 'read.db') });
  const nothing = defineProjection({
    name: 'nothing',
    version: 1,
    handles: [],
    tables: {},
    apply: async () => {},
  });
  const runner = new ProjectionRunner({
    store,
    database,
    projections: [nothing],
    batchSize: VIEW_BATCH_SIZE,
  });
  const started = performance.now();
  await runner.start();
  await runner.waitFor((await store.headPosition())!, 30 * 60_000);
  const rate = 1_000_000 / ((performance.now() - started) / 1000);
  await runner.stop();
  await database.close();
  await store.close();
  scratch.dispose();
  return rate;
}

/**
 * Appends the ledger history's first events at `rate`/s for `seconds` while the views follow; each
 * append's lag runs from its acknowledgement until every view's checkpoint has passed it (what a
 * read-your-writes query waits for).
 */
async function lagUnderLoad(rate: number, seconds: number): Promise<number[]> {
  const scratch = scratchDir('lag');
  const store = new SqliteEventStore(join(scratch.dir, 'events.db'));
  const database = await openReadDatabase({ kind: 'sqlite', file: join(scratch.dir, 'read.db') });
  const runner = new ProjectionRunner({
    store,
    database,
    projections: ledgerViews,
    batchSize: VIEW_BATCH_SIZE,
  });
  const checkpoints = new Map<string, { position: Position; at: number }[]>(runner.names.map((n) => [n, []]));
  runner.onCheckpoint((name, position) => checkpoints.get(name)!.push({ position, at: performance.now() }));
  await runner.start();

  const history = ledgerAppends(rate * seconds + rate);
  const acks: { position: Position; at: number }[] = [];
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  let sent = 0;
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    for (; sent < due; sent++) {
      const { stream, events, expectedRevision, metadata } = history.next().value!;
      const append = store.append(stream, events, { expectedRevision, metadata });
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

  const sorted = [...acks].sort((a, b) => store.comparePositions(a.position, b.position));
  const lags = sorted.map(() => 0);
  for (const passes of checkpoints.values()) {
    let next = 0;
    sorted.forEach((ack, i) => {
      while (store.comparePositions(passes[next].position, ack.position) < 0) next++;
      lags[i] = Math.max(lags[i], passes[next].at - ack.at);
    });
  }
  return lags.sort((a, b) => a - b);
}

export const projectionBenchmarks: Benchmark[] = [
  {
    name: 'projection-rebuild-sqlite',
    figures: ['projection_rebuild_sqlite'],
    async run() {
      console.error(
        `# reading alone (a projection that applies nothing): ${(await readingRate()).toFixed(0)} events/s`,
      );
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
        `# views' lag over ${lags.length} appends: ${[50, 90, 99.9].map((p) => `p${p} ${percentile(lags, p).toFixed(2)} ms`).join(', ')}, max ${lags[lags.length - 1].toFixed(1)} ms`,
      );
      report('projection_lag_p99', percentile(lags, 99), 'ms');
    },
  },
];
