import { createEventStore, eventStoreConfigFromEnv } from './create-event-store';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';

describe('createEventStore', () => {
  it('builds the EventStoreDB adapter from an esdb:// url (connecting lazily)', async () => {
    const store = createEventStore({ kind: 'eventstoredb', url: 'esdb://127.0.0.1:1?tls=false' });
    expect(store).toBeInstanceOf(EventStoreDbEventStore);
    await store.close();
  });

  it('refuses an incomplete configuration, saying what is missing', () => {
    expect(() => createEventStore({ kind: 'sqlite' })).toThrow(/needs a file/);
    expect(() => createEventStore({ kind: 'eventstoredb' })).toThrow(/needs a url/);
    expect(() => createEventStore({ kind: 'eventstoredb', url: 'http://x' })).toThrow(/needs a url/);
    expect(() => createEventStore({ kind: 'postgres' as never })).toThrow(/unknown event store kind/);
  });
});

describe('eventStoreConfigFromEnv', () => {
  it('defaults to SQLite in the data directory', () => {
    expect(eventStoreConfigFromEnv({})).toEqual({ kind: 'sqlite', file: 'data/events.db' });
    expect(eventStoreConfigFromEnv({ LEDGER_DATA_DIR: '/var/ledger' })).toEqual({
      kind: 'sqlite',
      file: '/var/ledger/events.db',
    });
  });

  it('selects EventStoreDB with LEDGER_EVENT_STORE=eventstoredb and LEDGER_EVENTSTOREDB_URL', () => {
    const url = 'esdb+discover://node1:2113,node2:2113?tls=true';
    expect(
      eventStoreConfigFromEnv({ LEDGER_EVENT_STORE: 'eventstoredb', LEDGER_EVENTSTOREDB_URL: url }),
    ).toEqual({
      kind: 'eventstoredb',
      url,
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => eventStoreConfigFromEnv({ LEDGER_EVENT_STORE: 'mongo' })).toThrow(/LEDGER_EVENT_STORE/);
    expect(() => eventStoreConfigFromEnv({ LEDGER_EVENT_STORE: 'eventstoredb' })).toThrow(
      /LEDGER_EVENTSTOREDB_URL/,
    );
  });
});
