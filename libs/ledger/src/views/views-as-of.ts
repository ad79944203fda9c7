import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openReadDatabase,
  ProjectionRunner,
  type ReadDatabase,
  type StoreAsOf,
} from '@ledger/event-sourcing';
import { ledgerViews, VIEW_BATCH_SIZE } from './ledger-views';

/** The views as they stood at a cut of the store, in a temporary read database of their own. */
export interface BuiltViews {
  database: ReadDatabase;
  /** When the event at the cut was recorded (undefined: the ledger held nothing then). */
  recordedAt: Date | undefined;
  /** Stops the runner, closes the database and removes its directory (once, however often it is called). */
  close(): Promise<void>;
}

/**
 * Builds every view from the first event to the cut, with the ordinary runner in the large batches of a
 * catch-up, into a new SQLite file in a new directory under `parent`: the live read database is never touched.
 */
export async function buildViewsAsOf(store: StoreAsOf, parent = tmpdir()): Promise<BuiltViews> {
  mkdirSync(parent, { recursive: true, mode: 0o700 });
  const dir = mkdtempSync(join(parent, 'ledger-view-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  let database: ReadDatabase | undefined;
  let runner: ProjectionRunner | undefined;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await runner?.stop();
      await database?.close();
      removeDir();
    })();
    return closing;
  };
  try {
    database = await openReadDatabase({ kind: 'sqlite', file: join(dir, 'read.db') });
    let failure: unknown;
    runner = new ProjectionRunner({
      store,
      database,
      projections: ledgerViews,
      batchSize: VIEW_BATCH_SIZE,
      onError: (_projection, error) => {
        failure = error;
      },
    });
    await runner.start();
    if (store.cut) {
      while (!(await runner.waitFor(store.cut, 1000))) if (failure) throw failure;
    }
    const recordedAt = store.newest ? new Date(store.newest.metadata.recordedAt) : undefined;
    return { database, recordedAt, close };
  } catch (error) {
    await close();
    throw error;
  }
}
