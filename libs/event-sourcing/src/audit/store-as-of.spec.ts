import { InMemoryEventStore } from '../adapters/in-memory/in-memory-event-store';
import { type Position, StreamNotFoundError } from '../store/event-store';
import { appendOptionsFor } from '../testing/append-options';
import { testClock } from '../testing/audit-fixture';
import { cutOf, StoreAsOf } from './store-as-of';

const at = (position: number) => String(position) as Position;

/** 2,500 events (more than a page of the time search), one a second, alternating between two streams. */
async function ledger() {
  const clock = testClock();
  const store = new InMemoryEventStore(clock);
  for (let i = 0; i < 2500; i++) {
    await store.append(i % 2 ? 'case-1' : 'case-2', [{ type: 'Step', data: { i } }], appendOptionsFor('any'));
    clock.advance(1);
  }
  return store;
}

describe('the store as of a position or a time', () => {
  it('finds the cut: a position the store has reached, or the last event recorded by a time', async () => {
    const store = await ledger();
    expect(await cutOf(store, { position: at(7) })).toBe('7');
    await expect(cutOf(store, { position: at(2501) })).rejects.toThrow(/has not reached position 2501/);
    // Event i was recorded i seconds after the start, at position i + 1.
    expect(await cutOf(store, { time: new Date('2026-03-02T15:35:00.500Z') })).toBe('2101');
    expect(await cutOf(store, { time: new Date('2026-03-02T14:00:00Z') })).toBeUndefined();
    expect(await cutOf(store, { time: new Date('2027-01-01T00:00:00Z') })).toBe('2500');
  });

  it('reads everything up to the cut and nothing after, and refuses appends', async () => {
    const store = await ledger();
    await store.append('case-3', [{ type: 'Late', data: {} }], appendOptionsFor('any'));
    const then = new StoreAsOf(store, at(1000));
    expect(await then.headPosition()).toBe('1000');
    expect(await then.readAll({ limit: 5000 })).toHaveLength(1000);
    expect(await then.readAll({ after: at(990), limit: 5 })).toHaveLength(5);
    expect(await then.readAll({ after: at(1000) })).toEqual([]);
    expect(then.newest?.position).toBe('1000');
    expect(await then.readRecords({ after: at(998) })).toHaveLength(2);
    expect(await then.readStream('case-1')).toHaveLength(500);
    const [last] = await then.readStream('case-1', { direction: 'backwards', limit: 1 });
    expect(last).toMatchObject({ position: '1000', revision: 499 });
    expect(await then.readStreamRecords('case-1', { fromRevision: 498 })).toHaveLength(2);
    await expect(then.readStream('case-3')).rejects.toBeInstanceOf(StreamNotFoundError);
    await expect(then.append('case-1', [], appendOptionsFor('any'))).rejects.toThrow(/read-only/);
    expect(await new StoreAsOf(store, undefined).readAll()).toEqual([]);
    expect(await new StoreAsOf(store, undefined).headPosition()).toBeUndefined();
  });

  it('follows the store to the cut, then waits as a caught-up subscription does until closed', async () => {
    const store = await ledger();
    const subscription = new StoreAsOf(store, at(600)).subscribeAll(at(100));
    const events = subscription[Symbol.asyncIterator]();
    const seen: string[] = [];
    for (let i = 0; i < 500; i++) seen.push((await events.next()).value.position);
    expect(seen.at(0)).toBe('101');
    expect(seen.at(-1)).toBe('600');
    const next = events.next();
    await store.append('case-1', [{ type: 'Late', data: {} }], appendOptionsFor('any'));
    subscription.close();
    expect(await next).toEqual({ done: true, value: undefined });
  });
});
