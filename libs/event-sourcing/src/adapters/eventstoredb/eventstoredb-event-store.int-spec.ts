import { randomUUID } from 'node:crypto';
import { detectContainerRuntime } from '../../testing/container-runtime';
import { eventStoreContract } from '../../testing/event-store-contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/*
 * The contract suite on a real KurrentDB/EventStoreDB: the one in LEDGER_TEST_EVENTSTOREDB_URL, or
 * one Testcontainers starts when a container engine answers. Otherwise the suite is skipped, and says
 * why. Every test shares the server; each store gets its own stream prefix, so each sees only its own
 * streams in `$all` (the wire double runs the same fixture: test/eventstoredb-wire-double.int-spec.ts).
 */
const IMAGE = process.env.LEDGER_TEST_EVENTSTOREDB_IMAGE ?? 'eventstore/eventstore:24.10';

interface Server {
  url: string;
  stop(): Promise<void>;
}

async function startServer(): Promise<Server> {
  const given = process.env.LEDGER_TEST_EVENTSTOREDB_URL;
  if (given) return { url: given, stop: async () => undefined };
  const { GenericContainer, Wait } = await import('testcontainers');
  // KurrentDB images read KURRENTDB_* settings, EventStoreDB images EVENTSTORE_*.
  const prefix = IMAGE.includes('kurrentdb') ? 'KURRENTDB' : 'EVENTSTORE';
  const settings = { INSECURE: 'true', RUN_PROJECTIONS: 'None', MEM_DB: 'true' };
  const environment = Object.fromEntries(
    Object.entries(settings).map(([key, value]) => [`${prefix}_${key}`, value]),
  );
  const container = await new GenericContainer(IMAGE)
    .withEnvironment(environment)
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
    .withStartupTimeout(120_000)
    .start();
  return {
    url: `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
    stop: async () => {
      await container.stop();
    },
  };
}

const runtime = process.env.LEDGER_TEST_EVENTSTOREDB_URL ? undefined : detectContainerRuntime();
const skipReason = runtime && !runtime.found ? runtime.reason : undefined;
if (skipReason) {
  // Straight to stderr: Jest drops console output of a file whose tests are all skipped.
  process.stderr.write(
    `\nSKIPPED EventStore contract: eventstoredb (real server): ${skipReason}.\n` +
      '  Set LEDGER_TEST_EVENTSTOREDB_URL=esdb://host:2113?tls=false to run it against a server.\n',
  );
}

const where = process.env.LEDGER_TEST_EVENTSTOREDB_URL
  ? `at ${process.env.LEDGER_TEST_EVENTSTOREDB_URL}`
  : `in a Testcontainers ${IMAGE}`;
(skipReason ? describe.skip : describe)(
  `eventstoredb ${skipReason ? `(skipped: ${skipReason})` : where}`,
  () => {
    let server: Server | undefined;
    beforeAll(async () => {
      server = await startServer();
    }, 180_000);
    afterAll(async () => {
      await server?.stop();
    });

    eventStoreContract('eventstoredb', async () => {
      if (!server) throw new Error('the server did not start');
      const store = new EventStoreDbEventStore({
        url: server.url,
        streamPrefix: `contract-${randomUUID().slice(0, 8)}.`,
      });
      return { store, dispose: () => store.close() };
    });
  },
);
