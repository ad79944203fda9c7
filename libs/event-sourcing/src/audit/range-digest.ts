import type { Position } from '../store/event-store';
import { MerkleAccumulator } from './merkle';

/**
 * What verification should digest while it re-hashes: the RFC 9162 root of the events' hashes over
 * consecutive ranges of global positions (range i: after ends[i-1], up to and including ends[i]), leaving
 * out one stream (the checkpoints themselves). The hashes are the ones verification has just recomputed,
 * so checking checkpoints costs no second read of the ledger.
 */
export interface DigestRequest {
  exclude: string;
  ends: readonly Position[];
}

export interface RangeDigest {
  end: Position;
  count: number;
  first?: Position;
  last?: Position;
  root: string;
}

/** The events after the last end: no checkpoint covers them (yet). */
export interface TailDigest {
  count: number;
  first?: Position;
}

export interface Digests {
  ranges: RangeDigest[];
  tail: TailDigest;
}

/** Feeds on events in global order; `finish` closes every range, even those that received nothing. */
export class RangeDigester {
  private index = 0;
  private tree = new MerkleAccumulator();
  private first?: Position | number;
  private last?: Position | number;
  readonly ranges: RangeDigest[] = [];
  readonly tail: TailDigest = { count: 0 };

  constructor(
    private readonly request: DigestRequest,
    private readonly compare: (a: Position, b: Position) => number,
  ) {}

  /** `position` may be a number where `compare` takes one (a reader's own rows); digests hold text. */
  add(stream: string, position: Position | number, hash: string): void {
    if (stream === this.request.exclude) return;
    const { ends } = this.request;
    while (this.index < ends.length && this.compare(position as Position, ends[this.index]) > 0) this.close();
    if (this.index < ends.length) {
      this.tree.push(hash);
      this.first ??= position;
      this.last = position;
    } else {
      this.tail.count += 1;
      this.tail.first ??= String(position) as Position;
    }
  }

  finish(): Digests {
    while (this.index < this.request.ends.length) this.close();
    return { ranges: this.ranges, tail: this.tail };
  }

  private close(): void {
    const first = this.first === undefined ? undefined : (String(this.first) as Position);
    const last = this.last === undefined ? undefined : (String(this.last) as Position);
    const end = this.request.ends[this.index];
    this.ranges.push({ end, count: this.tree.size, first, last, root: this.tree.root() });
    this.tree = new MerkleAccumulator();
    this.first = undefined;
    this.last = undefined;
    this.index += 1;
  }
}

/** Joins digests of consecutive slices whose boundaries are range ends: the ranges, and the tails summed. */
export function joinDigests(parts: readonly Digests[]): Digests {
  const tail: TailDigest = { count: 0 };
  for (const part of parts) {
    tail.count += part.tail.count;
    tail.first ??= part.tail.first;
  }
  return { ranges: parts.flatMap((part) => part.ranges), tail };
}
