import { type DigestRequest, type Digests, joinDigests, RangeDigester } from '../audit/range-digest';
import type { EventStore, Position } from '../store/event-store';
import { readChainLinks } from './chain-links';
import { type StoredRecord, sha256Hex } from './envelope';

export interface VerificationFailure {
  stream: string;
  revision: number;
  position: Position;
  reason: string;
}

export type VerificationResult =
  | { intact: true; events: number; digests?: Digests }
  | { intact: false; events: number; failure: VerificationFailure };

export interface VerifyOptions {
  /** One stream only; otherwise the whole store. */
  stream?: string;
  onProgress?: (checked: number) => void;
  /** Whole-store verification only: also digest the hashes it checks, for the signed checkpoints. */
  digest?: DigestRequest;
}

export interface StreamHead {
  revision: number;
  hash: string;
}

/** A stream's first event inside a range that started mid-history: its link is checked when ranges are joined. */
export interface ChainEntry {
  stream: string;
  revision: number;
  prevHash: string | null;
  position: Position;
}

/**
 * Checks records one at a time, in global order (or one stream's order). Each link is checked against the
 * `prevHash` inside the hashed bytes, never only against a stored column: a forged event whose successor's
 * column was rewritten would otherwise pass. With `startsMidway`, a stream's first event in the range is
 * not checked but kept as an entry, so ranges verified in parallel can be joined (`joinRanges`).
 */
export class ChainVerifier {
  readonly heads = new Map<string, StreamHead>();
  readonly entries: ChainEntry[] = [];
  checked = 0;

  constructor(private readonly startsMidway = false) {}

  check(record: StoredRecord): VerificationFailure | undefined {
    const hash = sha256Hex(record.canonical);
    if (hash !== record.hash) return failure(record, 'hash does not match the stored bytes');
    const links = readChainLinks(record.canonical);
    if (!links) return failure(record, 'stored bytes are not an event envelope');
    if (links.stream !== record.stream || links.revision !== record.revision) {
      return failure(
        record,
        `stored as ${record.stream}@${record.revision} but hashed as ${links.stream}@${links.revision}`,
      );
    }
    const head = this.heads.get(record.stream);
    if (!head && this.startsMidway) {
      this.entries.push({
        stream: record.stream,
        revision: links.revision,
        prevHash: links.prevHash,
        position: record.position,
      });
    } else {
      const broken = brokenLink(head, links.revision, links.prevHash);
      if (broken) return failure(record, broken);
    }
    this.heads.set(record.stream, { revision: links.revision, hash });
    this.checked += 1;
    return undefined;
  }
}

function failure(
  record: { stream: string; revision: number; position: Position },
  reason: string,
): VerificationFailure {
  return { stream: record.stream, revision: record.revision, position: record.position, reason };
}

function brokenLink(
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

export interface RangeResult {
  checked: number;
  failure?: VerificationFailure;
  entries: ChainEntry[];
  exits: [string, StreamHead][];
  digests?: Digests;
}

/** Joins ranges verified independently, in global order, into one answer with the first failure. */
export function joinRanges(ranges: readonly RangeResult[]): VerificationResult {
  const heads = new Map<string, StreamHead>();
  let events = 0;
  for (const range of ranges) {
    // Entries come in global order and all precede the range's own failure, if it has one.
    for (const entry of range.entries) {
      const broken = brokenLink(heads.get(entry.stream), entry.revision, entry.prevHash);
      if (broken) return { intact: false, events, failure: failure(entry, broken) };
    }
    if (range.failure) return { intact: false, events, failure: range.failure };
    for (const [stream, head] of range.exits) heads.set(stream, head);
    events += range.checked;
  }
  const digests = ranges.map((range) => range.digests).filter((d) => d !== undefined);
  return digests.length === ranges.length && digests.length > 0
    ? { intact: true, events, digests: joinDigests(digests) }
    : { intact: true, events };
}

const PAGE = 20_000;

/** Re-hashes every stored event of one stream, or of the whole store, and checks every chain link. */
export async function verifyStore(
  store: EventStore,
  options: VerifyOptions = {},
): Promise<VerificationResult> {
  const verifier = new ChainVerifier();
  const digester =
    options.digest && !options.stream
      ? new RangeDigester(options.digest, (a, b) => store.comparePositions(a, b))
      : undefined;
  let after: Position | undefined;
  for (;;) {
    const records = await store.readRecords({ after, limit: PAGE, stream: options.stream });
    for (const record of records) {
      const failed = verifier.check(record);
      if (failed) return { intact: false, events: verifier.checked, failure: failed };
      digester?.add(record.stream, record.position, record.hash);
    }
    options.onProgress?.(verifier.checked);
    if (records.length < PAGE) {
      return digester
        ? { intact: true, events: verifier.checked, digests: digester.finish() }
        : { intact: true, events: verifier.checked };
    }
    after = records[records.length - 1].position;
  }
}
