import { BlockTable } from './block-table';
import { canonicalSsnHash, readSsnWords, sameSsnWords, writeSsnWords } from './ssn-words';
import { TextHeap } from './text-heap';

describe('the block table', () => {
  it('files slots under key hashes and forgets removed slots', () => {
    const table = new BlockTable(3);
    table.ensureSlots(4);
    table.insert(0, [10, 20]);
    table.insert(1, [10, 30]);
    table.insert(2, [10]);
    expect(table.slotsFor(10, 100)?.sort()).toEqual([0, 1, 2]);
    expect(table.slotsFor(30, 100)).toEqual([1]);
    expect(table.slotsFor(99, 100)).toEqual([]);
    table.remove(1);
    expect(table.slotsFor(10, 100)?.sort()).toEqual([0, 2]);
    expect(table.slotsFor(30, 100)).toEqual([]);
    table.insert(0, [30]);
    expect(table.slotsFor(20, 100)).toEqual([]);
    expect(table.slotsFor(30, 100)).toEqual([0]);
  });

  it('answers null for a key shared by more slots than the limit', () => {
    const table = new BlockTable(1);
    table.ensureSlots(10);
    for (let slot = 0; slot < 10; slot++) table.insert(slot, [7]);
    expect(table.slotsFor(7, 10)).toHaveLength(10);
    expect(table.slotsFor(7, 9)).toBeNull();
  });

  it('keeps every entry through rehashing as it grows', () => {
    const table = new BlockTable(2);
    table.ensureSlots(100_000);
    for (let slot = 0; slot < 100_000; slot++) table.insert(slot, [slot, 1_000_000 + (slot % 7)]);
    for (let slot = 0; slot < 100_000; slot += 997) expect(table.slotsFor(slot, 10)).toEqual([slot]);
    expect(table.slotsFor(1_000_003, 100_000)).toHaveLength(14_286);
  });
});

describe('the text heap', () => {
  it('stores, replaces and clears strings per slot, compacting the waste', () => {
    const heap = new TextHeap();
    heap.ensureSlots(2000);
    for (let slot = 0; slot < 2000; slot++) heap.set(slot, `${slot} calle ñandú ${'x'.repeat(50)}`);
    for (let round = 0; round < 5; round++) {
      for (let slot = 0; slot < 2000; slot += 2) heap.set(slot, `${round} replaced ${slot}`);
    }
    heap.clear(1);
    heap.set(3, null);
    expect(heap.get(0)).toBe('4 replaced 0');
    expect(heap.get(1)).toBeNull();
    expect(heap.get(3)).toBeNull();
    expect(heap.get(1999)).toBe(`1999 calle ñandú ${'x'.repeat(50)}`);
    expect(heap.get(5)).toBe(`5 calle ñandú ${'x'.repeat(50)}`);
    heap.set(7, '');
    expect(heap.get(7)).toBe('');
  });
});

describe('SSN hash words', () => {
  it('round-trip a hex hash and digest anything else to the same shape', () => {
    const hash = '0123456789abcdef'.repeat(4);
    const words = new Uint32Array(16);
    writeSsnWords(hash, words, 8);
    expect(readSsnWords(words, 8)).toBe(hash);
    expect(canonicalSsnHash(hash)).toBe(hash);
    expect(canonicalSsnHash('h1')).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalSsnHash('h1')).toBe(canonicalSsnHash('h1'));
    writeSsnWords(canonicalSsnHash('h1'), words, 0);
    expect(sameSsnWords(words, 0, words, 8)).toBe(false);
  });
});
