import type { Actor, RecordedEvent, StoredRecord } from '../envelope/envelope';
import { type VerificationResult, type VerifyOptions, verifyStore } from '../envelope/verify';

/**
 * A global position in the store: an opaque, totally ordered token. Only the store that minted it can
 * compare or interpret it (an integer in SQLite, a commit/prepare pair in EventStoreDB).
 */
export type Position = string & { readonly __brand: 'Position' };

/** `any`, `no_stream`, `stream_exists`, or the exact revision of the stream's last event (first is 0). */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** What a command supplies once for all the events it appends: who, why, when, and which command. */
export interface CommandMetadata {
  actor: Actor;
  commandId: string;
  correlationId: string;
  causationId?: string;
  workReason?: string;
  /** Business time, from the command (ISO-8601). */
  occurredAt: string;
}

export interface NewEvent {
  type: string;
  data: unknown;
  schemaVersion?: number;
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
  metadata: CommandMetadata;
  /**
   * Opaque text kept with the command id in the same transaction and handed back when the command id is
   * seen again (the HTTP layer keeps the request's fingerprint and its first answer there).
   */
  receipt?: string;
}

export interface AppendResult {
  stream: string;
  /** Revision of the last event written (or of the first answer, when the command was already recorded). */
  revision: number;
  position: Position;
  /** True when the command id was already recorded and nothing was written. */
  duplicate: boolean;
  /** On a duplicate: the receipt recorded with the first append. */
  receipt?: string;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive starting revision (from the end when reading backwards). */
  fromRevision?: number;
  limit?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omitted: from the beginning. */
  after?: Position;
  limit?: number;
  filter?: { categories?: readonly string[]; types?: readonly string[] };
}

export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): void;
}

/**
 * The event store port, and the Nest injection token for it. Every adapter passes the same contract
 * suite (`testing/event-store-contract.ts`).
 */
export abstract class EventStore {
  abstract append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** Throws StreamNotFoundError when the stream has no events. */
  abstract readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  abstract readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** The stored bytes behind each event, in global order: what verification re-hashes. */
  abstract readRecords(options?: {
    after?: Position;
    limit?: number;
    stream?: string;
  }): Promise<StoredRecord[]>;
  /** The stored bytes behind one stream's events, by revision like `readStream`; none for an unknown stream. */
  abstract readStreamRecords(stream: string, options?: ReadStreamOptions): Promise<StoredRecord[]>;
  /** Catches up from `after` (exclusive), then follows new appends live. */
  abstract subscribeAll(after?: Position, filter?: ReadAllOptions['filter']): Subscription;
  /** The newest position, or undefined for an empty store. */
  abstract headPosition(): Promise<Position | undefined>;
  /** Negative, zero or positive, as `a` is before, at or after `b`. */
  abstract comparePositions(a: Position, b: Position): number;
  /** Validates a token a client sent back (e.g. `?minPosition=`); undefined when it is not one of ours. */
  abstract parsePosition(token: string): Position | undefined;
  /** The first answer recorded for a command id, if any. */
  abstract findCommand(commandId: string): Promise<AppendResult | undefined>;
  abstract close(): Promise<void>;

  /**
   * How many events lie strictly after `after` and up to `upTo` (inclusive), counting at most `cap`: the
   * "events behind" of a projection. Adapters whose positions count events answer without reading.
   */
  async countEvents(options: { after?: Position; upTo: Position; cap?: number }): Promise<number> {
    const cap = options.cap ?? 100_000;
    let after = options.after;
    let count = 0;
    while (count < cap) {
      const page = await this.readRecords({ after, limit: Math.min(1000, cap - count) });
      for (const record of page) {
        if (this.comparePositions(record.position, options.upTo) > 0) return count;
        count++;
      }
      if (page.length === 0) return count;
      after = page[page.length - 1].position;
    }
    return count;
  }

  /**
   * Calls `listener` with the streams written, after each commit made through this instance (not other
   * processes'), so in-process caches can drop what changed. Adapters that cannot tell answer a no-op.
   */
  onAppended(_listener: (streams: readonly string[]) => void): () => void {
    return () => {};
  }

  /**
   * Re-hashes every event (of one stream, or all) and checks every chain link; on request, also digests the
   * hashes over position ranges (`options.digest`, for the signed checkpoints). Adapters may go faster.
   */
  verify(options: VerifyOptions = {}): Promise<VerificationResult> {
    return verifyStore(this, options);
  }
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${stream}: expected revision ${expected}, actual ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class StreamNotFoundError extends Error {
  constructor(readonly stream: string) {
    super(`Stream ${stream} not found`);
    this.name = 'StreamNotFoundError';
  }
}

/** `case-0b1c…` → `case`: the category is everything before the first dash. */
export function streamCategory(stream: string): string {
  const dash = stream.indexOf('-');
  return dash < 0 ? stream : stream.slice(0, dash);
}

/** Checks an expected revision against the stream's current one (undefined when it has no events). */
export function expectedRevisionMatches(expected: ExpectedRevision, current: number | undefined): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    default:
      return current === expected;
  }
}
