import { type DigestRequest, type Digests, RangeDigester } from '../audit/range-digest';
import type { EventStore, Position } from '../store/event-store';
import { linksTo, readChainLinks } from './chain-links';
import type { StoredRecord } from './envelope';
import { sha256Hex } from './sha256';
import { brokenLink, packEntries, packHeads, type RangeResult } from './verify-ranges';

export { joinRanges, type PackedEntries, type PackedHeads, type RangeResult } from './verify-ranges';

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
    return this.checkFields(record.position, record.stream, record.revision, record.canonical, record.hash);
  }

  /** `check` on a row's fields, so a reader need not build a record per row (positions as numbers, too). */
  checkFields(
    position: Position | number,
    stream: string,
    revision: number,
    canonical: string,
    storedHash: string,
  ): VerificationFailure | undefined {
    const hash = sha256Hex(canonical);
    if (hash !== storedHash)
      return failure(stream, revision, position, 'hash does not match the stored bytes');
    const head = this.heads.get(stream);
    // The usual case, the next link of a stream already seen, is confirmed in place in the text.
    if (head ? head.revision + 1 === revision : revision === 0 && !this.startsMidway) {
      if (linksTo(canonical, stream, revision, head ? head.hash : null)) {
        if (head) {
          head.revision = revision;
          head.hash = hash;
        } else {
          this.heads.set(stream, { revision, hash });
        }
        this.checked += 1;
        return undefined;
      }
    }
    const links = readChainLinks(canonical);
    if (!links) return failure(stream, revision, position, 'stored bytes are not an event envelope');
    if (links.stream !== stream || links.revision !== revision) {
      return failure(
        stream,
        revision,
        position,
        `stored as ${stream}@${revision} but hashed as ${links.stream}@${links.revision}`,
      );
    }
    if (!head && this.startsMidway) {
      this.entries.push({
        stream,
        revision,
        prevHash: links.prevHash,
        position: String(position) as Position,
      });
    } else {
      const broken = brokenLink(head, links.revision, links.prevHash);
      if (broken) return failure(stream, revision, position, broken);
    }
    this.heads.set(stream, { revision: links.revision, hash });
    this.checked += 1;
    return undefined;
  }

  /** What `joinRanges` needs of this range, packed to pass between threads. */
  rangeResult(failure?: VerificationFailure, digests?: Digests): RangeResult {
    return {
      checked: this.checked,
      failure,
      entries: packEntries(this.entries),
      exits: packHeads(this.heads),
      digests: failure ? undefined : digests,
    };
  }
}

function failure(
  stream: string,
  revision: number,
  position: Position | number,
  reason: string,
): VerificationFailure {
  return { stream, revision, position: String(position) as Position, reason };
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
