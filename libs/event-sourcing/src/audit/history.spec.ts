import { InMemoryEventStore } from '../adapters/in-memory/in-memory-event-store';
import { type Position, StreamNotFoundError } from '../store/event-store';
import { appendOptionsFor } from '../testing/append-options';
import { testClock } from '../testing/audit-fixture';
import { parseAsOf, readHistory } from './history';

async function ledger() {
  const clock = testClock();
  const store = new InMemoryEventStore(clock);
  for (let i = 0; i < 1200; i++) {
    await store.append(i % 2 ? 'case-1' : 'case-2', [{ type: 'Step', data: { i } }], appendOptionsFor('any'));
    clock.advance(1);
  }
  return store;
}

describe('history as of a position or a time', () => {
  it('reads a whole stream in pages, or stops at a position or a time', async () => {
    const store = await ledger();
    expect(await readHistory(store, 'case-1')).toHaveLength(600);
    const upTo = await readHistory(store, 'case-1', { asOf: { position: '1000' as Position } });
    expect(upTo).toHaveLength(500);
    expect(upTo.at(-1)?.position).toBe('1000');
    // Event i was recorded i seconds after the start: i = 999 is the last at or before +999 s.
    const then = await readHistory(store, 'case-1', { asOf: { time: new Date('2026-03-02T15:16:39.000Z') } });
    expect(then.at(-1)?.data).toEqual({ i: 999 });
    expect(await readHistory(store, 'case-1', { fromRevision: 598, limit: 5 })).toHaveLength(2);
    expect(await readHistory(store, 'case-1', { limit: 501 })).toHaveLength(501);
    await expect(readHistory(store, 'case-9')).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('parses asOf as a position of the store or a timestamp with an offset', async () => {
    const store = new InMemoryEventStore();
    expect(parseAsOf(store, '42')).toEqual({ position: '42' });
    expect(parseAsOf(store, '2026-03-02T09:00:00-06:00')).toEqual({ time: new Date('2026-03-02T15:00:00Z') });
    expect(parseAsOf(store, '2026-03-02')).toBeUndefined();
    expect(parseAsOf(store, '2026-03-02T09:00:00')).toBeUndefined();
    expect(parseAsOf(store, '2026-13-02T09:00:00Z')).toBeUndefined();
    expect(parseAsOf(store, 'yesterday')).toBeUndefined();
  });
});
