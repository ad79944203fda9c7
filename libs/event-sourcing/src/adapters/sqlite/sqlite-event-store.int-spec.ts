import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../../testing/event-store-contract';
import { SqliteEventStore } from './sqlite-event-store';

// Lone appends are written on the calling thread while it is calm: the suite runs with that (the default)
// and with every append going through the writer thread, so both paths meet the whole contract.
for (const callingThreadWrites of [true, false]) {
  eventStoreContract(callingThreadWrites ? 'sqlite' : 'sqlite, writer thread only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-contract-'));
    const store = new SqliteEventStore(join(dir, 'events.db'), undefined, { callingThreadWrites });
    return {
      store,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
}
