import { type Digests, joinDigests } from '../audit/range-digest';
import type { Position } from '../store/event-store';
import type { ChainEntry, StreamHead, VerificationFailure, VerificationResult } from './verify';

/**
 * Stream links at the edge of a range, packed into a few strings and typed arrays: a range verified on
 * another thread hands over one entry and one exit per stream it touched (about 100,000 each for half
 * of a 1,000,000-event ledger), and a structured clone of that many small objects took ~0.5–1 s each
 * way, longer than the main thread's join itself.
 */
export interface PackedHeads {
  /** JSON array of the stream names. */
  streams: string;
  revisions: Float64Array;
  /** The hashes (each computed here: 64 hex characters), end to end. */
  hashes: string;
}

export interface PackedEntries {
  streams: string;
  revisions: Float64Array;
  /** JSON array of the prevHash each entry's bytes name: any string (they are not checked yet), or null. */
  prevHashes: string;
  /** JSON array of the positions. */
  positions: string;
}

export interface RangeResult {
  checked: number;
  failure?: VerificationFailure;
  /** Each stream's first event in the range, its link not checked yet (see ChainVerifier). */
  entries: PackedEntries;
  /** Each stream's last event in the range. */
  exits: PackedHeads;
  digests?: Digests;
}

export function packEntries(entries: readonly ChainEntry[]): PackedEntries {
  return {
    streams: JSON.stringify(entries.map((entry) => entry.stream)),
    revisions: Float64Array.from(entries, (entry) => entry.revision),
    prevHashes: JSON.stringify(entries.map((entry) => entry.prevHash)),
    positions: JSON.stringify(entries.map((entry) => entry.position)),
  };
}

export function packHeads(heads: ReadonlyMap<string, StreamHead>): PackedHeads {
  const streams: string[] = [];
  const revisions = new Float64Array(heads.size);
  const hashes: string[] = [];
  for (const [stream, head] of heads) {
    revisions[streams.length] = head.revision;
    streams.push(stream);
    hashes.push(head.hash);
  }
  return { streams: JSON.stringify(streams), revisions, hashes: hashes.join('') };
}

/** Joins ranges verified independently, in global order, into one answer with the first failure. */
export function joinRanges(ranges: readonly RangeResult[]): VerificationResult {
  const heads = new Map<string, StreamHead>();
  let events = 0;
  for (const [r, range] of ranges.entries()) {
    // Entries come in global order and all precede the range's own failure, if it has one.
    const entries = range.entries;
    const streams = JSON.parse(entries.streams) as string[];
    const prevHashes = JSON.parse(entries.prevHashes) as (string | null)[];
    for (let i = 0; i < streams.length; i++) {
      const revision = entries.revisions[i];
      const broken = brokenLink(heads.get(streams[i]), revision, prevHashes[i]);
      if (broken) {
        const position = (JSON.parse(entries.positions) as Position[])[i];
        return { intact: false, events, failure: { stream: streams[i], revision, position, reason: broken } };
      }
    }
    if (range.failure) return { intact: false, events, failure: range.failure };
    events += range.checked;
    // The last range's exits have no one left to link to.
    if (r === ranges.length - 1) break;
    const { revisions, hashes } = range.exits;
    const exits = JSON.parse(range.exits.streams) as string[];
    for (let i = 0; i < exits.length; i++) {
      heads.set(exits[i], { revision: revisions[i], hash: hashes.slice(i * 64, i * 64 + 64) });
    }
  }
  const digests = ranges.map((range) => range.digests).filter((d) => d !== undefined);
  return digests.length === ranges.length && digests.length > 0
    ? { intact: true, events, digests: joinDigests(digests) }
    : { intact: true, events };
}

export function brokenLink(
  head: StreamHead | undefined,
  revision: number,
  prevHash: string | null,
): string | undefined {
  const expected = head ? head.revision + 1 : 0;
  if (revision !== expected)
    return `revision ${revision} where ${expected} was due: an event is missing or out of order`;
  if (prevHash !== (head?.hash ?? null)) return "prevHash does not match the previous event's hash";
  return undefined;
}
