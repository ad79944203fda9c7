import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../../testing/event-store-contract';
import { SqliteEventStore } from './sqlite-event-store';

eventStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-contract-'));
  const store = new SqliteEventStore(join(dir, 'events.db'));
  return {
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
