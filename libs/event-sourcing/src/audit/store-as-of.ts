import { readRecordedAt } from '../envelope/chain-links';
import type { RecordedEvent, StoredRecord } from '../envelope/envelope';
import {
  type AppendOptions,
  type AppendResult,
  EventStore,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  StreamNotFoundError,
  type Subscription,
} from '../store/event-store';
import { followAll } from '../store/follow-all';
import type { AsOf } from './history';

const PAGE = 2000;

/**
 * The last event the ledger held at `asOf`: the position itself (refused when the store has not reached
 * it), or, for a time, the event before the first one recorded after it (the ledger's clock, as
 * `history --as-of` cuts). Undefined when the ledger held nothing then.
 */
export async function cutOf(store: EventStore, asOf: AsOf): Promise<Position | undefined> {
  if ('position' in asOf) {
    const head = await store.headPosition();
    if (!head || store.comparePositions(asOf.position, head) > 0)
      throw new Error(
        `the ledger has not reached position ${asOf.position} (its newest is ${head ?? 'none'})`,
      );
    return asOf.position;
  }
  let cut: Position | undefined;
  for (;;) {
    const page = await store.readRecords({ after: cut, limit: PAGE });
    for (const record of page) {
      if (Date.parse(readRecordedAt(record.canonical)) > asOf.time.getTime()) return cut;
      cut = record.position;
    }
    if (page.length < PAGE) return cut;
  }
}

/**
 * The store as it stood at a position (`cut`; undefined: before the first event): every read ends there
 * and nothing can be appended, so whatever follows it (a projection runner, the duplicate findings)
 * builds what the ledger showed then. It only wraps: the store stays its owner's to close.
 */
export class StoreAsOf extends EventStore {
  /** The newest event handed out: once a reader has gone through the whole cut, the event at the cut. */
  newest: RecordedEvent | undefined;

  constructor(
    private readonly store: EventStore,
    readonly cut: Position | undefined,
  ) {
    super();
  }

  append(_stream: string, _events: readonly NewEvent[], _options: AppendOptions): Promise<AppendResult> {
    return Promise.reject(new Error('the store as of a past position is read-only'));
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const kept = this.upTo(await this.store.readStream(stream));
    if (kept.length === 0) throw new StreamNotFoundError(stream);
    return readAs(kept, options);
  }

  async readStreamRecords(stream: string, options: ReadStreamOptions = {}): Promise<StoredRecord[]> {
    return readAs(this.upTo(await this.store.readStreamRecords(stream)), options);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    if (this.beyond(options.after)) return [];
    const events = this.upTo(await this.store.readAll(options));
    const last = events.at(-1);
    if (last && (!this.newest || this.store.comparePositions(last.position, this.newest.position) > 0))
      this.newest = last;
    return events;
  }

  async readRecords(options: { after?: Position; limit?: number; stream?: string } = {}) {
    if (this.beyond(options.after)) return [];
    return this.upTo(await this.store.readRecords(options));
  }

  /** Catches up to the cut, then waits (as a caught-up subscription does) until closed. */
  subscribeAll(after?: Position, filter?: ReadAllOptions['filter']): Subscription {
    return followAll(this, after, filter, () => () => undefined);
  }

  async headPosition(): Promise<Position | undefined> {
    const head = await this.store.headPosition();
    if (!head || !this.cut) return undefined;
    return this.store.comparePositions(head, this.cut) < 0 ? head : this.cut;
  }

  comparePositions(a: Position, b: Position): number {
    return this.store.comparePositions(a, b);
  }

  parsePosition(token: string): Position | undefined {
    return this.store.parsePosition(token);
  }

  async findCommand(commandId: string): Promise<AppendResult | undefined> {
    const found = await this.store.findCommand(commandId);
    return found && this.within(found.position) ? found : undefined;
  }

  async close(): Promise<void> {}

  private within(position: Position): boolean {
    return this.cut !== undefined && this.store.comparePositions(position, this.cut) <= 0;
  }

  private upTo<T extends { position: Position }>(events: T[]): T[] {
    return events.filter((event) => this.within(event.position));
  }

  /** Reading after this position can only give what lies past the cut. */
  private beyond(after: Position | undefined): boolean {
    if (this.cut === undefined) return true;
    return after !== undefined && this.store.comparePositions(after, this.cut) >= 0;
  }
}

/** A stream's events read as asked: from a revision, in a direction, at most `limit`. */
function readAs<T extends { revision: number }>(events: T[], options: ReadStreamOptions): T[] {
  const backwards = options.direction === 'backwards';
  const ordered = backwards ? [...events].reverse() : events;
  const from = options.fromRevision;
  const started =
    from === undefined
      ? ordered
      : ordered.filter((e) => (backwards ? e.revision <= from : e.revision >= from));
  return started.slice(0, options.limit ?? started.length);
}
