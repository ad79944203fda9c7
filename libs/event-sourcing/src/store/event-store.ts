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
}

export interface AppendResult {
  stream: string;
  /** Revision of the last event written (or of the first answer, when the command was already recorded). */
  revision: number;
  position: Position;
  /** True when the command id was already recorded and nothing was written. */
  duplicate: boolean;
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
