import { grow } from './grow';

/**
 * One string per slot, UTF-8 in one growing buffer instead of a million small heap objects (which cost
 * memory and, worse, garbage-collection pauses). A replaced or removed string's bytes are waste until the
 * heap compacts, which it does when waste passes half of what it holds.
 */
export class TextHeap {
  private bytes = Buffer.alloc(1 << 16);
  private used = 0;
  private waste = 0;
  private offsets = new Uint32Array(0);
  /** -1: no string. */
  private lengths = new Int32Array(0);

  ensureSlots(capacity: number): void {
    if (capacity <= this.offsets.length) return;
    this.offsets = grow(this.offsets, capacity);
    this.lengths = grow(this.lengths, capacity, -1);
  }

  set(slot: number, text: string | null): void {
    this.clear(slot);
    if (text === null) return;
    const length = Buffer.byteLength(text);
    if (this.used + length > this.bytes.length) this.makeRoom(length);
    this.bytes.write(text, this.used);
    this.offsets[slot] = this.used;
    this.lengths[slot] = length;
    this.used += length;
  }

  get(slot: number): string | null {
    const length = this.lengths[slot];
    if (length < 0) return null;
    const start = this.offsets[slot];
    return this.bytes.toString('utf8', start, start + length);
  }

  clear(slot: number): void {
    if (this.lengths[slot] > 0) this.waste += this.lengths[slot];
    this.lengths[slot] = -1;
  }

  private makeRoom(length: number): void {
    if (this.waste > this.used / 2) this.compact();
    if (this.used + length <= this.bytes.length) return;
    const larger = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + length));
    this.bytes.copy(larger, 0, 0, this.used);
    this.bytes = larger;
  }

  private compact(): void {
    const packed = Buffer.alloc(this.bytes.length);
    let used = 0;
    for (let slot = 0; slot < this.lengths.length; slot++) {
      const length = this.lengths[slot];
      if (length <= 0) continue;
      this.bytes.copy(packed, used, this.offsets[slot], this.offsets[slot] + length);
      this.offsets[slot] = used;
      used += length;
    }
    this.bytes = packed;
    this.used = used;
    this.waste = 0;
  }
}
