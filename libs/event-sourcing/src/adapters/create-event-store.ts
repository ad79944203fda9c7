import { join } from 'node:path';
import type { EventStore } from '../store/event-store';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export interface EventStoreConfig {
  kind: 'sqlite' | 'eventstoredb';
  /** sqlite: the database file. */
  file?: string;
  /** eventstoredb: `esdb://host:2113?tls=false` or `esdb+discover://…`. */
  url?: string;
  /** eventstoredb: keeps this ledger's streams apart from others on the same server. */
  streamPrefix?: string;
}

/** Builds the configured adapter; a bad configuration stops here with what is wrong. */
export function createEventStore(config: EventStoreConfig, clock?: () => Date): EventStore {
  switch (config.kind) {
    case 'sqlite':
      if (!config.file) throw new TypeError('the sqlite event store needs a file');
      return new SqliteEventStore(config.file, clock);
    case 'eventstoredb':
      if (!config.url || !/^esdb(\+discover)?:\/\//.test(config.url)) {
        throw new TypeError(
          'the eventstoredb event store needs a url: esdb://host:2113?tls=false or esdb+discover://…',
        );
      }
      return new EventStoreDbEventStore({ url: config.url, streamPrefix: config.streamPrefix, clock });
    default:
      throw new TypeError(`unknown event store kind: ${String((config as { kind: unknown }).kind)}`);
  }
}

/**
 * The configuration from the environment: `LEDGER_EVENT_STORE` (`sqlite`, the default, or
 * `eventstoredb`), `LEDGER_EVENTSTOREDB_URL`, `LEDGER_DATA_DIR` (`./data`, where the SQLite file lives).
 * A bad value throws an error that names the variable.
 */
export function eventStoreConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EventStoreConfig {
  const kind = env.LEDGER_EVENT_STORE || 'sqlite';
  if (kind === 'sqlite') return { kind, file: join(env.LEDGER_DATA_DIR || './data', 'events.db') };
  if (kind !== 'eventstoredb') {
    throw new TypeError(`LEDGER_EVENT_STORE must be sqlite or eventstoredb, got ${JSON.stringify(kind)}`);
  }
  const url = env.LEDGER_EVENTSTOREDB_URL;
  if (!url || !/^esdb(\+discover)?:\/\//.test(url)) {
    throw new TypeError('LEDGER_EVENTSTOREDB_URL must be an esdb:// or esdb+discover:// connection string');
  }
  return { kind, url };
}
