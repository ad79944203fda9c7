import { join } from 'node:path';
import {
  openReadDatabase,
  ProjectionRunner,
  readDatabaseTarget,
  SqliteEventStore,
} from '@ledger/event-sourcing';
import { ledgerViews } from '@ledger/ledger';
import type { LedgerConfig } from '../../ledger-api/src/config/ledger-config';

/**
 * `projections rebuild [name]`: builds the view(s) from zero into new tables and swaps them in once caught
 * up; queries keep reading the old tables until the swap.
 */
export async function rebuildProjections(
  config: LedgerConfig,
  name: string | undefined,
  print: (line: string) => void,
) {
  const names = ledgerViews.map((view) => view.name);
  if (name !== undefined && !names.includes(name))
    throw new Error(`no projection ${name}; there are ${names.join(', ')}`);
  const store = new SqliteEventStore(join(config.dataDir, 'events.db'));
  const database = await openReadDatabase(readDatabaseTarget(config.readDatabaseUrl, config.dataDir));
  const runner = new ProjectionRunner({ store, database, projections: [...ledgerViews] });
  try {
    await runner.start();
    for (const each of name ? [name] : names) {
      const started = Date.now();
      await runner.rebuild(each);
      print(`rebuilt ${each} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await runner.stop();
    await database.close();
    await store.close();
  }
}
