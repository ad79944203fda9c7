/**
 * The wire double's database: an in-memory transaction log with EventStoreDB's semantics, kept apart
 * from the gRPC layer so one log can outlive a server (restart tests stop a server and start another
 * on the same log). Documentation relied on is cited where it is used; where KurrentDB's behaviour is
 * uncertain the comment says so.
 */

export interface LoggedEvent {
  stream: string;
  revision: bigint;
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
  /** 100 ns ticks since the Unix epoch, as the server reports `created`. */
  created: bigint;
  /** Log offset of the record. Commit and prepare are equal for every event the gRPC API appends. */
  position: bigint;
}

export type Expected =
  | { kind: 'any' }
  | { kind: 'no_stream' }
  | { kind: 'stream_exists' }
  | { kind: 'revision'; revision: bigint };

export interface Proposed {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

export type WriteOutcome =
  | { ok: true; revision: bigint | undefined; position: bigint | undefined }
  | { ok: false; kind: 'wrong-expected-version'; current: bigint | undefined }
  | { ok: false; kind: 'stream-deleted' };

export type StreamRead = LoggedEvent[] | 'not-found' | 'deleted';

interface StreamState {
  last: bigint;
  /** Soft delete: revisions below this are gone from stream reads (they stay in `$all`). */
  truncateBefore: bigint;
  softDeleted: boolean;
  tombstoned: boolean;
  indexes: number[];
}

/** What a tombstone's event number is (EventNumber.DeletedStream, long.MaxValue). */
export const TOMBSTONE_REVISION = 2n ** 63n - 1n;
const RECORD_OVERHEAD = 64n;

export class EventLog {
  readonly events: LoggedEvent[] = [];
  private readonly streams = new Map<string, StreamState>();
  private readonly listeners = new Set<() => void>();
  private nextPosition = 0n;

  constructor(private readonly clock: () => Date = () => new Date()) {
    // A fresh server's `$all` already holds system events; the adapter must step over them.
    this.appendSystemEvent('$settings', '$settings', { $userStreamAcl: { $r: '$all' } });
    this.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', { 'proc-id': 1 });
  }

  /** Subscribers are told after every write; the returned function unsubscribes. */
  onWrite(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get head(): bigint | undefined {
    return this.events.at(-1)?.position;
  }

  /**
   * An append with an expected revision. Semantics (https://docs.kurrent.io/clients/node/v1.2/appending-events.html):
   * `any` never conflicts, `no_stream` needs the stream not to exist, `stream_exists` needs it to,
   * a revision must equal the stream's last. Resending the ids that were written right after the
   * expected revision succeeds without writing again (idempotent writes); for `any` the server only
   * checks its recent-ids cache, so this double checks the stream's ids, which is at least as strict.
   */
  append(stream: string, expected: Expected, proposed: readonly Proposed[]): WriteOutcome {
    const state = this.streams.get(stream);
    if (state?.tombstoned) return { ok: false, kind: 'stream-deleted' };
    const last = state ? state.last : -1n;
    const exists = last >= 0n && !state?.softDeleted;
    const idempotent = this.idempotentAt(stream, expected, proposed);
    if (idempotent) return idempotent;
    let accepted: boolean;
    switch (expected.kind) {
      case 'any':
        accepted = true;
        break;
      case 'no_stream':
        // A soft-deleted stream may be recreated with no_stream (KurrentDB's own client tests
        // "allows recreating for first write only"); the numbering continues after the old events.
        accepted = !exists;
        break;
      case 'stream_exists':
        // Uncertain for a soft-deleted stream; the ledger never deletes streams, so this is a guess.
        accepted = exists;
        break;
      default:
        accepted = expected.revision === last;
    }
    if (!accepted)
      return { ok: false, kind: 'wrong-expected-version', current: last >= 0n ? last : undefined };
    if (proposed.length === 0)
      return { ok: true, revision: last >= 0n ? last : undefined, position: undefined };
    let revision = last;
    for (const event of proposed) this.write({ ...event, stream, revision: ++revision });
    if (state) state.softDeleted = false;
    this.notify();
    // The answer's position is the last event's: the server acknowledges a write at the log position of
    // its last prepare (KurrentDB's StorageChaser CommitAck, passed on by Managers/WriteEvents.cs).
    return { ok: true, revision, position: this.events.at(-1)?.position };
  }

  /**
   * Stream reads go through the index, which honours truncation; a stream with nothing left to read
   * is "not found", and a tombstoned one is "deleted"
   * (https://developers.eventstore.com/server/v21.2/streams/deleting-streams-and-events.html).
   */
  readStream(stream: string, from: bigint | 'start' | 'end', backwards: boolean, count: bigint): StreamRead {
    const state = this.streams.get(stream);
    if (state?.tombstoned) return 'deleted';
    if (!state || state.softDeleted || state.last < state.truncateBefore) return 'not-found';
    // A stream's revisions run 0..last without gaps, so revision r is the stream's r-th event.
    const limit = count > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(count);
    const selected: LoggedEvent[] = [];
    if (backwards) {
      const start = from === 'start' ? 0n : from === 'end' || from > state.last ? state.last : from;
      for (let r = start; r >= state.truncateBefore && selected.length < limit; r--) {
        selected.push(this.events[state.indexes[Number(r)]]);
      }
    } else {
      const start = from === 'start' ? 0n : from === 'end' ? state.last + 1n : from;
      const first = start > state.truncateBefore ? start : state.truncateBefore;
      for (let r = first; r <= state.last && selected.length < limit; r++) {
        selected.push(this.events[state.indexes[Number(r)]]);
      }
    }
    return selected;
  }

  /** Index of the first event at or after `position` (forward `$all` reads include their position). */
  indexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.events[mid].position < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Soft delete: sets the truncate-before point past the last event by writing the stream's metadata. */
  softDelete(stream: string, expected: Expected): WriteOutcome {
    const checked = this.checkDelete(stream, expected);
    if (!checked.ok) return checked;
    const state = this.streams.get(stream);
    if (!state) return { ok: true, revision: undefined, position: undefined };
    state.truncateBefore = state.last + 1n;
    state.softDeleted = true;
    return this.appendSystemEvent(`$$${stream}`, '$metadata', { $tb: Number(state.truncateBefore) });
  }

  /** Hard delete: a `$streamDeleted` tombstone in the stream itself; the stream can never come back. */
  tombstone(stream: string, expected: Expected): WriteOutcome {
    const checked = this.checkDelete(stream, expected);
    if (!checked.ok) return checked;
    this.write({ ...system('$streamDeleted', {}), stream, revision: TOMBSTONE_REVISION });
    const state = this.streams.get(stream) as StreamState;
    state.tombstoned = true;
    this.notify();
    return { ok: true, revision: undefined, position: this.events.at(-1)?.position };
  }

  /** A write by the server itself (stats, settings, metadata): visible in `$all` with a `$` type. */
  appendSystemEvent(stream: string, type: string, data: unknown): WriteOutcome {
    return this.append(stream, { kind: 'any' }, [system(type, data)]);
  }

  private checkDelete(stream: string, expected: Expected): WriteOutcome {
    const state = this.streams.get(stream);
    if (state?.tombstoned) return { ok: false, kind: 'stream-deleted' };
    const last = state && !state.softDeleted ? state.last : -1n;
    const ok =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && last < 0n) ||
      (expected.kind === 'stream_exists' && last >= 0n) ||
      (expected.kind === 'revision' && expected.revision === last);
    return ok
      ? { ok: true, revision: undefined, position: undefined }
      : { ok: false, kind: 'wrong-expected-version', current: last >= 0n ? last : undefined };
  }

  private idempotentAt(
    stream: string,
    expected: Expected,
    proposed: readonly Proposed[],
  ): WriteOutcome | undefined {
    const state = this.streams.get(stream);
    if (!state || proposed.length === 0) return undefined;
    const stored = state.indexes.map((i) => this.events[i]);
    let start: number;
    if (expected.kind === 'revision') start = Number(expected.revision) + 1;
    else if (expected.kind === 'no_stream') start = 0;
    else if (expected.kind === 'any') start = stored.findIndex((e) => e.id === proposed[0].id);
    else return undefined;
    if (start < 0 || start + proposed.length > stored.length) return undefined;
    const same = proposed.every((event, i) => stored[start + i].id === event.id);
    if (!same) return undefined;
    const lastWritten = stored[start + proposed.length - 1];
    return { ok: true, revision: lastWritten.revision, position: lastWritten.position };
  }

  private write(event: Omit<LoggedEvent, 'created' | 'position'>): void {
    let state = this.streams.get(event.stream);
    if (!state) {
      state = { last: -1n, truncateBefore: 0n, softDeleted: false, tombstoned: false, indexes: [] };
      this.streams.set(event.stream, state);
    }
    const created = BigInt(this.clock().getTime()) * 10_000n;
    this.events.push({ ...event, created, position: this.nextPosition });
    state.indexes.push(this.events.length - 1);
    if (event.revision !== TOMBSTONE_REVISION) state.last = event.revision;
    // Records are laid end to end in the log, so positions grow by the record's size, not by one.
    const size = event.stream.length + event.type.length + event.data.length + event.metadata.length;
    this.nextPosition += RECORD_OVERHEAD + BigInt(size);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

function system(type: string, data: unknown): Proposed {
  return {
    id: crypto.randomUUID(),
    type,
    contentType: 'application/json',
    data: Buffer.from(JSON.stringify(data)),
    metadata: new Uint8Array(),
  };
}
