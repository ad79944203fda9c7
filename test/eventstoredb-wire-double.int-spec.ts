import { EventStoreDbEventStore } from '@ledger/event-sourcing';
import { eventStoreContract } from '@ledger/event-sourcing/testing/event-store-contract';
import { WireDouble } from './eventstoredb-wire-double/wire-double';

/*
 * The whole contract suite through the EventStoreDB adapter and the real @eventstore/db-client, against
 * the wire double (an in-memory gRPC server), not against KurrentDB: reported under its own name.
 * Each test gets a fresh double, as the SQLite run gets a fresh file.
 */
eventStoreContract('eventstoredb (wire double)', async () => {
  const double = await WireDouble.start();
  const store = new EventStoreDbEventStore({ url: double.url });
  return {
    store,
    dispose: async () => {
      await store.close();
      await double.stop();
    },
  };
});
