import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AsOf,
  cutOf,
  openReadDatabase,
  ProjectionRunner,
  type ReadDatabase,
  SqliteEventStore,
  StoreAsOf,
} from '@ledger/event-sourcing';
import { HolidayCalendar, ledgerViews, VIEW_BATCH_SIZE, type ViewTime } from '@ledger/ledger';
import type { LedgerConfig } from '../../../ledger-api/src/config/ledger-config';

/** The ledger as it stood then: the store cut there, the views' time then, and the views built (when asked). */
export interface LedgerAsOf {
  store: StoreAsOf;
  /** The embedded store itself: the customers' data keys are kept in it (the findings decrypt identities). */
  vault: SqliteEventStore;
  /** Read only through `views()`: a temporary read database, built on first use. */
  views(): Promise<ReadDatabase>;
  time(): ViewTime;
  config: LedgerConfig;
}

/**
 * Runs `work` on the ledger as of `asOf` (default: its newest event now). The views are built by the
 * ordinary runner from the store cut at that point into a new SQLite file in a temporary directory,
 * removed afterwards: the live read database is never opened.
 */
export async function withLedgerAsOf<T>(
  config: LedgerConfig,
  asOf: (store: SqliteEventStore) => AsOf | undefined,
  work: (ledger: LedgerAsOf) => Promise<T>,
): Promise<T> {
  const file = join(config.dataDir, 'events.db');
  if (!existsSync(file)) throw new Error(`no ledger at ${file} (set LEDGER_DATA_DIR)`);
  const live = new SqliteEventStore(file);
  let dir: string | undefined;
  let opened: { database: ReadDatabase; runner: ProjectionRunner } | undefined;
  try {
    const head = await live.headPosition();
    const when = asOf(live) ?? (head ? { position: head } : { time: new Date() });
    const store = new StoreAsOf(live, await cutOf(live, when));
    const calendar = config.holidays ? HolidayCalendar.of(config.holidays) : HolidayCalendar.federal();
    const build = async () => {
      dir = mkdtempSync(join(tmpdir(), 'ledger-view-'));
      opened = await buildViews(store, join(dir, 'read.db'));
      return opened.database;
    };
    let building: Promise<ReadDatabase> | undefined;
    return await work({
      store,
      vault: live,
      config,
      views: () => {
        building ??= build();
        return building;
      },
      // Ages and deadlines as they were then: at the time asked, or when the event at the position was recorded.
      time: () => ({
        now: 'time' in when ? when.time : new Date(store.newest?.metadata.recordedAt ?? Date.now()),
        timeZone: config.timezone,
        calendar,
      }),
    });
  } finally {
    await opened?.runner.stop();
    await opened?.database.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await live.close();
  }
}

/** Every view from the first event to the cut, in the large batches of a catch-up. */
async function buildViews(store: StoreAsOf, file: string) {
  const database = await openReadDatabase({ kind: 'sqlite', file });
  let failure: unknown;
  const runner = new ProjectionRunner({
    store,
    database,
    projections: ledgerViews,
    batchSize: VIEW_BATCH_SIZE,
    onError: (_projection, error) => {
      failure = error;
    },
  });
  const opened = { database, runner };
  await runner.start();
  if (store.cut) {
    while (!(await runner.waitFor(store.cut, 1000))) {
      if (failure) {
        await runner.stop();
        await database.close();
        throw failure;
      }
    }
  }
  return opened;
}
