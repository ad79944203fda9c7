import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { EventStoreDbEventStore, type RecordedEvent } from '@ledger/event-sourcing';
import { appendOptionsFor } from '@ledger/event-sourcing/testing/append-options';
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

/*
 * The fixture the real-server run uses (one server for every test, each store under its own stream
 * prefix), exercised here on one shared double so the prefix path is proven before a server is.
 */
describe('eventstoredb (wire double, one server, a stream prefix per store)', () => {
  let shared: WireDouble;
  beforeAll(async () => {
    shared = await WireDouble.start();
  });
  afterAll(() => shared.stop());

  eventStoreContract('eventstoredb (wire double, prefixed)', async () => {
    const store = new EventStoreDbEventStore({
      url: shared.url,
      streamPrefix: `t${randomUUID().slice(0, 8)}.`,
    });
    return { store, dispose: () => store.close() };
  });
});

const event = (n: number) => ({ type: 'Thing', data: { n } });
const numbers = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function until(condition: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('eventstoredb (wire double): a subscription across a server restart', () => {
  it('reconnects and resumes after the last delivered position, without loss or repetition', async () => {
    let server = await WireDouble.start();
    const { log, port } = server;
    const store = new EventStoreDbEventStore({ url: server.url });
    const stream = `thing-${randomUUID()}`;
    for (const batch of [numbers(1, 100), numbers(101, 200)]) {
      await store.append(stream, batch.map(event), appendOptionsFor('any'));
    }

    // A slow consumer, so the client holds events it has received but not yet handed over when the
    // server goes away: those must come again from the next connection, and only those.
    const seen: number[] = [];
    const subscription = store.subscribeAll();
    const consuming = (async () => {
      for await (const e of subscription as AsyncIterable<RecordedEvent<string, { n: number }>>) {
        seen.push(e.data.n);
        if (seen.length === 260) break;
        await sleep(1);
      }
    })();
    await until(() => seen.length >= 20, 'the first events');
    await server.stop();
    const seenWhenStopped = seen.length;

    // While this server is away another node writes, and the server writes its own system events.
    const other = await WireDouble.start({ log });
    const writer = new EventStoreDbEventStore({ url: other.url });
    await writer.append(stream, numbers(201, 230).map(event), appendOptionsFor('any'));
    await writer.close();
    await other.stop();
    log.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', {});

    await sleep(300);
    server = await WireDouble.start({ log, port });
    await store.append(stream, numbers(231, 260).map(event), appendOptionsFor('any'));
    await consuming;
    subscription.close();

    expect(seenWhenStopped).toBeLessThan(200);
    expect(seen).toEqual(numbers(1, 260));
    await store.close();
    await server.stop();
  });
});

describe('eventstoredb (wire double): appends across a server restart', () => {
  it('an append made while the server is away goes through once it is back', async () => {
    const server = await WireDouble.start();
    const store = new EventStoreDbEventStore({ url: server.url });
    const stream = `thing-${randomUUID()}`;
    await store.append(stream, [event(1)], appendOptionsFor('no_stream'));
    await server.stop();
    const pending = store.append(stream, [event(2)], appendOptionsFor(0));
    await sleep(300);
    const back = await WireDouble.start({ log: server.log, port: server.port });
    expect(await pending).toMatchObject({ revision: 1, duplicate: false });
    expect(await store.readStream(stream)).toHaveLength(2);
    await store.close();
    await back.stop();
  });

  it('an append whose server died after writing, before answering, is not written twice', async () => {
    const server = await WireDouble.start();
    const store = new EventStoreDbEventStore({ url: server.url });
    const stream = `thing-${randomUUID()}`;
    await store.append(stream, [event(1)], appendOptionsFor('no_stream'));
    server.crashAfterNextWriteTo(stream);
    const pending = store.append(stream, [event(2), event(3)], appendOptionsFor('any'));
    await until(() => server.log.events.some((e) => e.stream === stream && e.revision === 2n), 'the write');
    await sleep(200);
    const back = await WireDouble.start({ log: server.log, port: server.port });
    expect(await pending).toMatchObject({ revision: 2, duplicate: false });
    expect((await store.readStream(stream)).map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3]);
    expect(await store.verify({ stream })).toEqual({ intact: true, events: 3 });
    await store.close();
    await back.stop();
  });
});

describe('eventstoredb (wire double): idempotency beyond the contract', () => {
  let double: WireDouble;
  let store: EventStoreDbEventStore;
  beforeEach(async () => {
    double = await WireDouble.start();
    store = new EventStoreDbEventStore({ url: double.url });
  });
  afterEach(async () => {
    await store.close();
    await double.stop();
  });

  it('a retry whose first answer was lost returns the first result even after others extended the stream', async () => {
    const stream = `thing-${randomUUID()}`;
    const retried = appendOptionsFor('any');
    const first = await store.append(stream, [event(1), event(2)], retried);
    await store.append(stream, [event(3)], appendOptionsFor(1));
    expect(await store.append(stream, [event(1), event(2)], retried)).toEqual({ ...first, duplicate: true });
    const exact = appendOptionsFor(2);
    const third = await store.append(stream, [event(4)], exact);
    await store.append(stream, [event(5)], appendOptionsFor('any'));
    expect(await store.append(stream, [event(4)], exact)).toEqual({ ...third, duplicate: true });
    expect((await store.readStream(stream)).map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4, 5]);
  });

  it('the same command sent ten times at once is written once, and every answer names that write', async () => {
    const stream = `thing-${randomUUID()}`;
    await store.append(stream, [event(0)], appendOptionsFor('no_stream'));
    const same = appendOptionsFor('any');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => store.append(stream, [event(1)], same)),
    );
    expect(new Set(results.map((r) => `${r.revision}@${r.position}`)).size).toBe(1);
    expect(await store.readStream(stream)).toHaveLength(2);
    expect(await store.findCommand(same.metadata.commandId)).toMatchObject({
      revision: 1,
      position: results[0].position,
    });
    expect(await store.verify({ stream })).toEqual({ intact: true, events: 2 });
  });

  it('an attempt recorded before a crash, whose events never landed, does not count: the retry writes once', async () => {
    const stream = `thing-${randomUUID()}`;
    const options = appendOptionsFor('any');
    // The crash: the attempt is in the command's record, the events never reached the stream.
    const client = EventStoreDBClient.connectionString(double.url);
    await client.appendToStream(
      `command-${options.metadata.commandId}`,
      jsonEvent({ type: 'LedgerCommandAttempt', data: { stream, firstRevision: 0, count: 1 } }),
    );
    await client.dispose();
    expect(await store.findCommand(options.metadata.commandId)).toBeUndefined();
    await store.append(stream, [event(0)], appendOptionsFor('no_stream'));
    const retried = await store.append(stream, [event(1)], options);
    expect(retried).toMatchObject({ revision: 1, duplicate: false });
    expect(await store.append(stream, [event(1)], options)).toEqual({ ...retried, duplicate: true });
    expect(await store.readStream(stream)).toHaveLength(2);
  });
});

describe('eventstoredb (wire double): filters on $all', () => {
  it('reads and follows only the categories and types asked for, past system events and bookkeeping', async () => {
    const double = await WireDouble.start();
    const store = new EventStoreDbEventStore({ url: double.url });
    const a = `alpha-${randomUUID()}`;
    for (let i = 0; i < 5; i++) {
      await store.append(a, [{ type: 'Other', data: { n: i } }], appendOptionsFor('any'));
      await store.append(`beta-${randomUUID()}`, [event(i)], appendOptionsFor('no_stream'));
      double.log.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', {});
    }
    await store.append(a, [event(10), event(11), event(12)], appendOptionsFor('any'));
    const filter = { categories: ['alpha'], types: ['Thing'] };
    const page = await store.readAll({ filter, limit: 2 });
    expect(page.map((e) => (e.data as { n: number }).n)).toEqual([10, 11]);
    expect((await store.readAll({ filter, after: page[1].position })).map((e) => e.revision)).toEqual([7]);

    const followed: number[] = [];
    const subscription = store.subscribeAll(page[0].position, filter);
    const following = (async () => {
      for await (const e of subscription as AsyncIterable<RecordedEvent<string, { n: number }>>) {
        followed.push(e.data.n);
        if (followed.length === 3) break;
      }
    })();
    await store.append(`beta-${randomUUID()}`, [event(99)], appendOptionsFor('no_stream'));
    await store.append(a, [{ type: 'Other', data: { n: 98 } }, event(13)], appendOptionsFor('any'));
    await following;
    subscription.close();
    expect(followed).toEqual([11, 12, 13]);
    await store.close();
    await double.stop();
  });
});
