import { randomUUID } from 'node:crypto';
import { merkleRoot } from '../audit/merkle';
import { sha256Hex } from '../envelope/envelope';
import {
  type EventStore,
  type ExpectedRevision,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../store/event-store';
import { appendOptionsFor } from './append-options';

export interface ContractFixture {
  store: EventStore;
  dispose(): Promise<void>;
}

const appendOptions = (expected: ExpectedRevision, commandId?: string) =>
  appendOptionsFor(expected, commandId);

const event = (n: number) => ({ type: 'Thing', data: { n } });

/** The one suite every EventStore adapter must pass. */
export function eventStoreContract(name: string, create: () => Promise<ContractFixture>): void {
  describe(`EventStore contract: ${name}`, () => {
    let fixture: ContractFixture;
    let store: EventStore;
    const stream = () => `thing-${randomUUID()}`;

    beforeEach(async () => {
      fixture = await create();
      store = fixture.store;
    });
    afterEach(() => fixture.dispose());

    describe('expected revision', () => {
      it('no_stream creates a stream at revision 0 and refuses an existing one', async () => {
        const s = stream();
        expect((await store.append(s, [event(1)], appendOptions('no_stream'))).revision).toBe(0);
        await expect(store.append(s, [event(2)], appendOptions('no_stream'))).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          stream: s,
          expected: 'no_stream',
          actual: 0,
        });
      });

      it('stream_exists refuses a missing stream and accepts an existing one', async () => {
        const s = stream();
        await expect(store.append(s, [event(1)], appendOptions('stream_exists'))).rejects.toMatchObject({
          expected: 'stream_exists',
          actual: 'no_stream',
        });
        await store.append(s, [event(1)], appendOptions('no_stream'));
        expect((await store.append(s, [event(2)], appendOptions('stream_exists'))).revision).toBe(1);
      });

      it('an exact revision must equal the last event', async () => {
        const s = stream();
        await store.append(s, [event(1), event(2)], appendOptions('no_stream'));
        await expect(store.append(s, [event(3)], appendOptions(0))).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        await expect(store.append(s, [event(3)], appendOptions(0))).rejects.toMatchObject({
          expected: 0,
          actual: 1,
        });
        await expect(store.append(stream(), [event(3)], appendOptions(0))).rejects.toMatchObject({
          actual: 'no_stream',
        });
        expect((await store.append(s, [event(3)], appendOptions(1))).revision).toBe(2);
      });

      it('any appends to missing and existing streams alike', async () => {
        const s = stream();
        expect((await store.append(s, [event(1)], appendOptions('any'))).revision).toBe(0);
        expect((await store.append(s, [event(2)], appendOptions('any'))).revision).toBe(1);
        const events = await store.readStream(s);
        expect(events[1].metadata.prevHash).toBe(events[0].metadata.hash);
      });

      it('a refused append writes nothing', async () => {
        const s = stream();
        await store.append(s, [event(1)], appendOptions('no_stream'));
        const head = await store.headPosition();
        await expect(store.append(s, [event(2)], appendOptions(5))).rejects.toThrow(
          WrongExpectedRevisionError,
        );
        expect(await store.headPosition()).toBe(head);
        expect(await store.readStream(s)).toHaveLength(1);
      });
    });

    describe('reading', () => {
      it('reads a stream forwards, backwards, from a revision and with a limit', async () => {
        const s = stream();
        await store.append(s, [1, 2, 3, 4, 5].map(event), appendOptions('no_stream'));
        const data = (events: { data: unknown }[]) => events.map((e) => (e.data as { n: number }).n);
        expect(data(await store.readStream(s))).toEqual([1, 2, 3, 4, 5]);
        expect(data(await store.readStream(s, { direction: 'backwards' }))).toEqual([5, 4, 3, 2, 1]);
        expect(data(await store.readStream(s, { fromRevision: 2, limit: 2 }))).toEqual([3, 4]);
        expect(data(await store.readStream(s, { direction: 'backwards', fromRevision: 1 }))).toEqual([2, 1]);
      });

      it("reads a stream's stored records by revision: the bytes that were hashed", async () => {
        const s = stream();
        await store.append(stream(), [event(0)], appendOptions('no_stream'));
        await store.append(s, [1, 2, 3].map(event), appendOptions('no_stream'));
        const records = await store.readStreamRecords(s);
        expect(records).toEqual(await store.readRecords({ stream: s }));
        expect(records.map((r) => r.revision)).toEqual([0, 1, 2]);
        const events = await store.readStream(s);
        records.forEach((record, i) => {
          expect(record).toMatchObject({
            stream: s,
            position: events[i].position,
            hash: events[i].metadata.hash,
          });
          expect(sha256Hex(record.canonical)).toBe(record.hash);
        });
        const revisions = (rs: { revision: number }[]) => rs.map((r) => r.revision);
        expect(revisions(await store.readStreamRecords(s, { fromRevision: 1, limit: 1 }))).toEqual([1]);
        expect(revisions(await store.readStreamRecords(s, { direction: 'backwards', limit: 2 }))).toEqual([
          2, 1,
        ]);
        expect(await store.readStreamRecords(stream())).toEqual([]);
      });

      it('throws StreamNotFoundError for a stream with no events', async () => {
        await expect(store.readStream(stream())).rejects.toBeInstanceOf(StreamNotFoundError);
      });

      it('records the envelope: ids, metadata, times and the hash chain', async () => {
        const s = stream();
        const options = appendOptions('no_stream');
        const result = await store.append(s, [event(1), event(2)], options);
        const [first, second] = await store.readStream(s);
        expect(result).toMatchObject({ stream: s, revision: 1, position: second.position, duplicate: false });
        expect(first).toMatchObject({
          type: 'Thing',
          schemaVersion: 1,
          stream: s,
          revision: 0,
          data: { n: 1 },
        });
        expect(first.eventId).toMatch(/^[0-9a-f-]{36}$/);
        expect(first.eventId).not.toBe(second.eventId);
        expect(first.metadata).toMatchObject({ ...options.metadata, prevHash: null });
        expect(first.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(Number.isNaN(Date.parse(first.metadata.recordedAt))).toBe(false);
        expect(second.metadata.prevHash).toBe(first.metadata.hash);
      });

      it('readAll is gap-free, in commit order, pages after a position and filters', async () => {
        const a = `alpha-${randomUUID()}`;
        const b = `beta-${randomUUID()}`;
        await store.append(a, [event(1)], appendOptions('no_stream'));
        await store.append(b, [{ type: 'Other', data: {} }], appendOptions('no_stream'));
        await store.append(a, [event(2)], appendOptions(0));
        const all = await store.readAll();
        for (let i = 1; i < all.length; i++) {
          expect(store.comparePositions(all[i - 1].position, all[i].position)).toBeLessThan(0);
        }
        expect(all.map((e) => e.stream)).toEqual([a, b, a]);
        const page = await store.readAll({ after: all[0].position, limit: 1 });
        expect(page.map((e) => e.position)).toEqual([all[1].position]);
        expect((await store.readAll({ filter: { categories: ['beta'] } })).map((e) => e.stream)).toEqual([b]);
        expect((await store.readAll({ filter: { types: ['Thing'] } })).map((e) => e.stream)).toEqual([a, a]);
        expect(await store.headPosition()).toBe(all[2].position);
      });

      it('counts the events between two positions (projection lag), up to a cap', async () => {
        const s = stream();
        await store.append(s, [event(1), event(2), event(3), event(4)], appendOptions('no_stream'));
        const all = await store.readAll();
        const [first, , third, fourth] = all.slice(-4).map((e) => e.position);
        expect(await store.countEvents({ after: first, upTo: fourth })).toBe(3);
        expect(await store.countEvents({ after: first, upTo: third })).toBe(2);
        expect(await store.countEvents({ after: fourth, upTo: fourth })).toBe(0);
        expect(await store.countEvents({ upTo: fourth })).toBe(all.length);
        expect(await store.countEvents({ after: first, upTo: fourth, cap: 2 })).toBe(2);
      });

      it('positions round-trip through their text form and reject foreign tokens', async () => {
        const { position } = await store.append(stream(), [event(1)], appendOptions('no_stream'));
        expect(store.parsePosition(String(position))).toBe(position);
        expect(store.parsePosition('not a position')).toBeUndefined();
      });
    });

    describe('concurrency', () => {
      it('50 concurrent appends with the same expected revision: exactly one wins', async () => {
        const s = stream();
        await store.append(s, [event(0)], appendOptions('no_stream'));
        const outcomes = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) => store.append(s, [event(i)], appendOptions(0))),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(49);
        for (const o of lost) expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('64 concurrent writers to distinct streams all succeed', async () => {
        const before = (await store.readAll()).length;
        const results = await Promise.all(
          Array.from({ length: 64 }, () => store.append(stream(), [event(1)], appendOptions('no_stream'))),
        );
        expect(new Set(results.map((r) => r.position)).size).toBe(64);
        expect((await store.readAll()).length).toBe(before + 64);
        expect(await store.verify()).toMatchObject({ intact: true });
      });
    });

    describe('idempotency', () => {
      it('the same command id returns the first result and writes nothing', async () => {
        const s = stream();
        const options = appendOptions('no_stream');
        const first = await store.append(s, [event(1)], options);
        const again = await store.append(s, [event(1)], options);
        expect(again).toMatchObject({
          stream: s,
          revision: first.revision,
          position: first.position,
          duplicate: true,
        });
        expect(await store.readStream(s)).toHaveLength(1);
        expect(await store.findCommand(options.metadata.commandId)).toMatchObject({
          position: first.position,
        });
      });

      it('keeps a receipt with the command id and hands it back on a repeat', async () => {
        const options = { ...appendOptions('no_stream'), receipt: '{"fingerprint":"abc"}' };
        const s = stream();
        expect((await store.append(s, [event(1)], options)).receipt).toBeUndefined();
        expect(await store.append(s, [event(1)], options)).toMatchObject({
          duplicate: true,
          receipt: options.receipt,
        });
        expect(await store.findCommand(options.metadata.commandId)).toMatchObject({
          receipt: options.receipt,
        });
      });
    });

    describe('subscriptions', () => {
      it('catches up, goes live, and resumes after its last position without gaps or repeats', async () => {
        const s = stream();
        await store.append(s, [event(1), event(2)], appendOptions('no_stream'));
        const start = await store.headPosition();
        await store.append(s, [event(3)], appendOptions('any'));

        const seen: number[] = [];
        let last = start;
        const first = store.subscribeAll(start);
        const live = (async () => {
          for await (const e of first) {
            seen.push((e.data as { n: number }).n);
            last = e.position;
            if (seen.length === 3) break;
          }
        })();
        await store.append(s, [event(4)], appendOptions('any'));
        await store.append(s, [event(5)], appendOptions('any'));
        await live;
        first.close();

        await store.append(s, [event(6)], appendOptions('any'));
        const second = store.subscribeAll(last);
        for await (const e of second) {
          seen.push((e.data as { n: number }).n);
          if (seen.length === 4) break;
        }
        second.close();
        expect(seen).toEqual([3, 4, 5, 6]);
      });
    });

    describe('verification', () => {
      it('finds an intact chain over one stream and over the whole store', async () => {
        const s = stream();
        await store.append(s, [event(1), event(2)], appendOptions('no_stream'));
        await store.append(stream(), [event(1)], appendOptions('no_stream'));
        await store.append(s, [event(3)], appendOptions('any'));
        expect(await store.verify({ stream: s })).toEqual({ intact: true, events: 3 });
        expect(await store.verify()).toMatchObject({ intact: true });
      });

      it('digests the hashes it checks over position ranges, leaving one stream out, on request', async () => {
        const excluded = `skip-${randomUUID()}`;
        for (let i = 0; i < 40; i++) {
          await store.append(i % 5 === 4 ? excluded : stream(), [event(i)], appendOptions('any'));
        }
        const records = await store.readRecords();
        const counted = records.filter((r) => r.stream !== excluded);
        const ends = [counted[9].position, counted[10].position, counted[29].position];
        const result = await store.verify({ digest: { exclude: excluded, ends } });
        const slice = (from: number, to: number) => counted.slice(from, to);
        const expected = [slice(0, 10), slice(10, 11), slice(11, 30)].map((range, i) => ({
          end: ends[i],
          count: range.length,
          first: range[0].position,
          last: range[range.length - 1].position,
          root: merkleRoot(range.map((r) => r.hash)),
        }));
        expect(result).toMatchObject({
          intact: true,
          digests: { ranges: expected, tail: { count: counted.length - 30, first: counted[30].position } },
        });
      });
    });
  });
}
