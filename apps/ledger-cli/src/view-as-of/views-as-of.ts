import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type AsOf, cutOf, type ReadDatabase, SqliteEventStore, StoreAsOf } from '@ledger/event-sourcing';
import { type BuiltViews, buildViewsAsOf, HolidayCalendar, type ViewTime } from '@ledger/ledger';
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
  let built: Promise<BuiltViews> | undefined;
  try {
    const head = await live.headPosition();
    const when = asOf(live) ?? (head ? { position: head } : { time: new Date() });
    const store = new StoreAsOf(live, await cutOf(live, when));
    const calendar = config.holidays ? HolidayCalendar.of(config.holidays) : HolidayCalendar.federal();
    return await work({
      store,
      vault: live,
      config,
      views: async () => {
        built ??= buildViewsAsOf(store);
        return (await built).database;
      },
      // Ages and deadlines as they were then: at the time asked, or when the event at the position was recorded.
      time: () => ({
        now: 'time' in when ? when.time : new Date(store.newest?.metadata.recordedAt ?? Date.now()),
        timeZone: config.timezone,
        calendar,
      }),
    });
  } finally {
    await (await built?.catch(() => undefined))?.close();
    await live.close();
  }
}
