import { grow } from './grow';

/**
 * Blocking keys (as 32-bit hashes) to record slots, in flat typed arrays: a chained hash table whose entry
 * `slot * perSlot + k` is the slot's k-th key. Records sharing a key share a bucket, so a search walks one
 * chain per key. Two keys with the same hash only bring extra candidates, which scoring then turns away.
 */
export class BlockTable {
  private head = new Int32Array(1 << 16).fill(-1);
  private next = new Int32Array(0);
  private hashes = new Uint32Array(0);
  private counts = new Uint8Array(0);
  private live = 0;

  constructor(private readonly perSlot: number) {}

  ensureSlots(capacity: number): void {
    if (capacity <= this.counts.length) return;
    this.next = grow(this.next, capacity * this.perSlot);
    this.hashes = grow(this.hashes, capacity * this.perSlot);
    this.counts = grow(this.counts, capacity);
  }

  insert(slot: number, keyHashes: readonly number[]): void {
    this.remove(slot);
    const count = Math.min(keyHashes.length, this.perSlot);
    if (this.live + count > this.head.length) this.rehash(this.head.length * 2);
    for (let k = 0; k < count; k++) {
      const entry = slot * this.perSlot + k;
      this.hashes[entry] = keyHashes[k];
      this.link(entry);
    }
    this.counts[slot] = count;
    this.live += count;
  }

  remove(slot: number): void {
    const count = this.counts[slot];
    for (let k = 0; k < count; k++) this.unlink(slot * this.perSlot + k);
    this.counts[slot] = 0;
    this.live -= count;
  }

  /** The slots filed under a key, or null when there are more than `limit` (a key too common to help). */
  slotsFor(keyHash: number, limit: number): number[] | null {
    const slots: number[] = [];
    for (let entry = this.head[keyHash & (this.head.length - 1)]; entry !== -1; entry = this.next[entry]) {
      if (this.hashes[entry] !== keyHash) continue;
      if (slots.length === limit) return null;
      slots.push(Math.floor(entry / this.perSlot));
    }
    return slots;
  }

  private link(entry: number): void {
    const bucket = this.hashes[entry] & (this.head.length - 1);
    this.next[entry] = this.head[bucket];
    this.head[bucket] = entry;
  }

  private unlink(entry: number): void {
    const bucket = this.hashes[entry] & (this.head.length - 1);
    if (this.head[bucket] === entry) {
      this.head[bucket] = this.next[entry];
      return;
    }
    let previous = this.head[bucket];
    while (previous !== -1 && this.next[previous] !== entry) previous = this.next[previous];
    if (previous !== -1) this.next[previous] = this.next[entry];
  }

  private rehash(buckets: number): void {
    this.head = new Int32Array(buckets).fill(-1);
    for (let slot = 0; slot < this.counts.length; slot++) {
      for (let k = 0; k < this.counts[slot]; k++) this.link(slot * this.perSlot + k);
    }
  }
}
