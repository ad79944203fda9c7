import { InMemoryEventStore } from '../adapters/in-memory/in-memory-event-store';
import type { Position } from '../store/event-store';
import { appendOptionsFor } from '../testing/append-options';
import { type StoredRecord, sha256Hex } from './envelope';
import { ChainVerifier, joinRanges, type RangeResult } from './verify';

async function history(): Promise<{ store: InMemoryEventStore; records: StoredRecord[] }> {
  const store = new InMemoryEventStore();
  for (let i = 0; i < 30; i++) {
    const stream = `thing-${i % 4}`;
    await store.append(stream, [{ type: 'Thing', data: { i } }], appendOptionsFor('any'));
  }
  return { store, records: await store.readRecords() };
}

function verifyInRanges(records: StoredRecord[], size: number): ReturnType<typeof joinRanges> {
  const ranges: RangeResult[] = [];
  for (let start = 0; start < records.length; start += size) {
    const verifier = new ChainVerifier(true);
    let failure: RangeResult['failure'];
    for (const record of records.slice(start, start + size)) {
      failure = verifier.check(record);
      if (failure) break;
    }
    ranges.push(verifier.rangeResult(failure));
  }
  return joinRanges(ranges);
}

describe('verification in ranges', () => {
  it('joins intact ranges into the same answer as one pass', async () => {
    const { store, records } = await history();
    expect(verifyInRanges(records, 7)).toEqual({ intact: true, events: 30 });
    expect(await store.verify()).toEqual({ intact: true, events: 30 });
  });

  it('finds a broken link that crosses a range boundary', async () => {
    const { store } = await history();
    // Position 9 is thing-0's third event; re-hash it to fit so only the link to its successor breaks.
    store.tamper('9' as Position, (r) => {
      const canonical = r.canonical.replace('"i":8', '"i":80');
      return { ...r, canonical, hash: sha256Hex(canonical) };
    });
    const records = await store.readRecords();
    const expected = { stream: 'thing-0', revision: 3, position: '13' };
    expect(verifyInRanges(records, 10)).toMatchObject({ intact: false, failure: expected });
    expect(await store.verify()).toMatchObject({ intact: false, failure: expected });
  });
});
