import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  jsonEvent,
  NO_STREAM,
  type Position,
  type ResolvedEvent,
  START,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ServerFeaturesClient } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { credentials } from '@grpc/grpc-js';
import { TOMBSTONE_REVISION } from './event-log';
import { WireDouble } from './wire-double';

/* The double as the real client sees it: each behaviour below is one the adapter relies on. */

const thing = (n: number, id = randomUUID()) => jsonEvent({ id, type: 'Thing', data: { n } });

async function collect(read: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
  const out: ResolvedEvent[] = [];
  for await (const resolved of read) out.push(resolved);
  return out;
}
const n = (resolved: ResolvedEvent) => (resolved.event?.data as { n?: number } | undefined)?.n;
const ns = (events: ResolvedEvent[]) => events.map(n);

describe.each([
  ['BatchAppend', true],
  ['Append', false],
])('eventstoredb wire double over %s', (_name, batchAppend) => {
  let double: WireDouble;
  let client: EventStoreDBClient;
  beforeEach(async () => {
    double = await WireDouble.start({ batchAppend });
    client = EventStoreDBClient.connectionString(double.url);
  });
  afterEach(async () => {
    await client.dispose();
    await double.stop();
  });

  it('enforces all four expected revisions, answering WrongExpectedVersionError with expected and actual', async () => {
    const s = `thing-${randomUUID()}`;
    await expect(
      client.appendToStream(s, thing(1), { expectedRevision: STREAM_EXISTS }),
    ).rejects.toMatchObject({
      expectedVersion: STREAM_EXISTS,
      actualVersion: NO_STREAM,
    });
    expect(await client.appendToStream(s, thing(1), { expectedRevision: NO_STREAM })).toMatchObject({
      success: true,
      nextExpectedRevision: 0n,
    });
    await expect(client.appendToStream(s, thing(2), { expectedRevision: NO_STREAM })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    await expect(client.appendToStream(s, thing(2), { expectedRevision: 5n })).rejects.toMatchObject({
      expectedVersion: 5n,
      actualVersion: 0n,
    });
    await client.appendToStream(s, [thing(2), thing(3)], { expectedRevision: 0n });
    await client.appendToStream(s, thing(4), { expectedRevision: STREAM_EXISTS });
    const last = await client.appendToStream(s, thing(5), { expectedRevision: ANY });
    expect(last.nextExpectedRevision).toBe(4n);
    expect(ns(await collect(client.readStream(s)))).toEqual([1, 2, 3, 4, 5]);
    // The client picks BatchAppend only when ServerFeatures lists it; BatchAppend is one long-lived call.
    expect(batchAppend ? double.calls.batchAppend : double.calls.append).toBe(batchAppend ? 1 : 7);
    expect(batchAppend ? double.calls.append : double.calls.batchAppend).toBe(0);
  });

  it('writes resent event ids once (idempotent writes) and reports where they are', async () => {
    const s = `thing-${randomUUID()}`;
    const events = [thing(1), thing(2)];
    const first = await client.appendToStream(s, events, { expectedRevision: NO_STREAM });
    const again = await client.appendToStream(s, events, { expectedRevision: NO_STREAM });
    const anyAgain = await client.appendToStream(s, events, { expectedRevision: ANY });
    expect(again).toEqual(first);
    expect(anyAgain).toEqual(first);
    expect(await collect(client.readStream(s))).toHaveLength(2);
  });

  it('reads a stream forwards, backwards, from a revision, with a count; a missing one is not found', async () => {
    const s = `thing-${randomUUID()}`;
    await client.appendToStream(
      s,
      [1, 2, 3, 4, 5].map((n) => thing(n)),
    );
    expect(ns(await collect(client.readStream(s, { fromRevision: 2n, maxCount: 2 })))).toEqual([3, 4]);
    expect(
      ns(await collect(client.readStream(s, { direction: BACKWARDS, fromRevision: END, maxCount: 2 }))),
    ).toEqual([5, 4]);
    expect(ns(await collect(client.readStream(s, { direction: BACKWARDS, fromRevision: 1n })))).toEqual([
      2, 1,
    ]);
    await expect(collect(client.readStream(`nothing-${randomUUID()}`))).rejects.toBeInstanceOf(
      StreamNotFoundError,
    );
  });

  it('reads $all with positions: forwards from a position includes it, backwards excludes it; system events are there', async () => {
    const s = `thing-${randomUUID()}`;
    const { position } = await client.appendToStream(
      s,
      [1, 2, 3].map((n) => thing(n)),
    );
    const all = await collect(client.readAll());
    expect(all.some((e) => e.event?.type.startsWith('$'))).toBe(true);
    const mine = all.filter((e) => e.event?.streamId === s);
    expect(mine.at(-1)?.event?.position).toEqual(position);
    const second = mine[1].event?.position as Position;
    expect(ns(await collect(client.readAll({ fromPosition: second, maxCount: 2 })))).toEqual([2, 3]);
    expect(
      ns(await collect(client.readAll({ fromPosition: second, direction: BACKWARDS, maxCount: 1 }))),
    ).toEqual([1]);
    expect(second.commit).toBe(second.prepare);
  });

  it('subscribes to $all: catch-up, then "caught up", then live, with a server-side filter', async () => {
    const s = `thing-${randomUUID()}`;
    await client.appendToStream(s, [thing(1), thing(2)]);
    const subscription = client.subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() });
    const seen: string[] = [];
    subscription.on('caughtUp', () => seen.push('caught up'));
    const done = new Promise<void>((resolve) => {
      subscription.on('data', ({ event }) => {
        seen.push(`${event?.type}:${n({ event })}`);
        if (seen.length === 4) resolve();
      });
    });
    await new Promise((resolve) => subscription.once('caughtUp', resolve));
    await client.appendToStream(s, thing(3));
    await done;
    await subscription.unsubscribe();
    expect(seen).toEqual(['Thing:1', 'Thing:2', 'caught up', 'Thing:3']);
  });

  it('starts a subscription strictly after the position it is given, and checkpoints a filter that matches nothing', async () => {
    const s = `thing-${randomUUID()}`;
    const { position } = await client.appendToStream(s, [thing(1), thing(2)]);
    await client.appendToStream(s, thing(3));
    const checkpoints: Position[] = [];
    const after = client.subscribeToAll({ fromPosition: position as Position });
    const [first] = await new Promise<ResolvedEvent[]>((resolve) => after.once('data', (e) => resolve([e])));
    await after.unsubscribe();
    expect(n(first)).toBe(3);

    for (let i = 0; i < 40; i++) await client.appendToStream(`other-${i}`, thing(i));
    const none = client.subscribeToAll({
      filter: streamNameFilter({
        prefixes: ['nothing-matches'],
        checkpointReached: (_s, at) => void checkpoints.push(at),
      }),
    });
    await new Promise((resolve) => none.once('caughtUp', resolve));
    await none.unsubscribe();
    expect(checkpoints.length).toBeGreaterThan(0);
  });

  it('soft-deletes (not found, then recreatable, numbering on) and tombstones (gone for good)', async () => {
    const s = `thing-${randomUUID()}`;
    await client.appendToStream(s, [thing(1), thing(2)]);
    await client.deleteStream(s, { expectedRevision: 1n });
    await expect(collect(client.readStream(s))).rejects.toBeInstanceOf(StreamNotFoundError);
    const recreated = await client.appendToStream(s, thing(3), { expectedRevision: NO_STREAM });
    expect(recreated.nextExpectedRevision).toBe(2n);
    expect(ns(await collect(client.readStream(s)))).toEqual([3]);
    await expect(client.deleteStream(s, { expectedRevision: 0n })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );

    await client.tombstoneStream(s);
    await expect(collect(client.readStream(s))).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(client.appendToStream(s, thing(4))).rejects.toBeInstanceOf(StreamDeletedError);
    const tombstone = (
      await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }))
    )[0];
    expect(tombstone.event).toMatchObject({
      streamId: s,
      type: '$streamDeleted',
      revision: TOMBSTONE_REVISION,
    });
  });
});

describe('eventstoredb wire double: ServerFeatures', () => {
  it('lists the methods it serves, BatchAppend included unless switched off', async () => {
    for (const batchAppend of [true, false]) {
      const double = await WireDouble.start({ batchAppend });
      const features = new ServerFeaturesClient(`127.0.0.1:${double.port}`, credentials.createInsecure());
      const methods = await new Promise<SupportedMethods>((resolve, reject) =>
        features.getSupportedMethods(new Empty(), (error, answer) =>
          error ? reject(error) : resolve(answer),
        ),
      );
      features.close();
      await double.stop();
      const names = methods.getMethodsList().map((m) => `${m.getServiceName()}/${m.getMethodName()}`);
      expect(names).toContain('event_store.client.streams.streams/read');
      expect(names.includes('event_store.client.streams.streams/batchappend')).toBe(batchAppend);
    }
  });
});
