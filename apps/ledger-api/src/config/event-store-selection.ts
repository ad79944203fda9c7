import { join } from 'node:path';
import { createEventStore, type EventStore, SqliteEventStore } from '@ledger/event-sourcing';
import { PostgresSecretVault, type SecretVault } from '@ledger/security';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { LedgerConfig } from './ledger-config';

export interface SelectedStores {
  store: EventStore;
  /** Where customers' data keys live: beside the events in SQLite; in PostgreSQL when scaled. */
  vault: SecretVault;
}

/**
 * The store the configuration names. SQLite (the default) keeps the keys in its own file; with
 * `LEDGER_EVENT_STORE=eventstoredb` the events go to the server at `LEDGER_EVENTSTOREDB_URL` and the
 * keys to the PostgreSQL vault at `LEDGER_READ_DATABASE_URL` (the configuration requires both).
 */
export function selectStores(config: LedgerConfig, clock: () => Date): SelectedStores {
  if (config.eventStore === 'sqlite') {
    const store = new SqliteEventStore(join(config.dataDir, 'events.db'), clock);
    return { store, vault: store };
  }
  if (!config.eventStoreDbUrl || !config.readDatabaseUrl) {
    throw new Error(
      'LEDGER_EVENT_STORE=eventstoredb needs LEDGER_EVENTSTOREDB_URL and LEDGER_READ_DATABASE_URL',
    );
  }
  return {
    store: createEventStore({ kind: 'eventstoredb', url: config.eventStoreDbUrl }, clock),
    vault: new PostgresSecretVault(config.readDatabaseUrl),
  };
}

/** Closes the scaled mode's connections when the app closes (the SQLite store is closed by its owner). */
export class ScaledStoresLifecycle implements OnApplicationShutdown {
  constructor(private readonly selected: SelectedStores) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.selected.vault instanceof PostgresSecretVault) await this.selected.vault.close();
    if (!(this.selected.store instanceof SqliteEventStore)) await this.selected.store.close();
  }
}
