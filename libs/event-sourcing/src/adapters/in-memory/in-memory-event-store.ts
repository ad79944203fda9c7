import {
  deriveEventId,
  openRecord,
  type RecordedEvent,
  type StoredRecord,
  sealEnvelope,
} from '../../envelope/envelope';
import {
  type AppendOptions,
  type AppendResult,
  EventStore,
  expectedRevisionMatches,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  StreamNotFoundError,
  type Subscription,
  streamCategory,
  WrongExpectedRevisionError,
} from '../../store/event-store';
import { followAll } from '../../store/follow-all';

/** For fast unit tests of handlers; it passes the same contract suite as the real adapters. */
export class InMemoryEventStore extends EventStore {
  private readonly records: (StoredRecord & { type: string })[] = [];
  private readonly streams = new Map<string, number[]>();
  private readonly commands = new Map<string, AppendResult>();
  private readonly listeners = new Set<() => void>();
  private readonly appendWatchers = new Set<(streams: readonly string[]) => void>();

  constructor(private readonly clock: () => Date = () => new Date()) {
    super();
  }

  async append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new TypeError('append needs at least one event');
    const { metadata, expectedRevision } = options;
    const earlier = this.commands.get(metadata.commandId);
    if (earlier) return earlier;
    const indexes = this.streams.get(stream) ?? [];
    const current = indexes.length > 0 ? indexes.length - 1 : undefined;
    if (!expectedRevisionMatches(expectedRevision, current)) {
      throw new WrongExpectedRevisionError(stream, expectedRevision, current ?? 'no_stream');
    }
    const recordedAt = this.clock().toISOString();
    let prevHash = current === undefined ? null : this.records[indexes[current]].hash;
    const staged = events.map((event, index) => {
      const revision = indexes.length + index;
      const { canonical, hash } = sealEnvelope({
        eventId: deriveEventId(metadata.commandId, index),
        type: event.type,
        schemaVersion: event.schemaVersion ?? 1,
        stream,
        revision,
        data: event.data,
        metadata: { ...metadata, recordedAt, prevHash },
      });
      prevHash = hash;
      return { stream, revision, canonical, hash, type: event.type };
    });
    for (const record of staged) {
      this.records.push({ ...record, position: String(this.records.length + 1) as Position });
      indexes.push(this.records.length - 1);
    }
    this.streams.set(stream, indexes);
    const last = this.records[this.records.length - 1];
    const result = { stream, revision: last.revision, position: last.position };
    const receipt = options.receipt === undefined ? {} : { receipt: options.receipt };
    this.commands.set(metadata.commandId, { ...result, duplicate: true, ...receipt });
    for (const watcher of this.appendWatchers) watcher([stream]);
    for (const listener of this.listeners) listener();
    return { ...result, duplicate: false };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (!this.streams.has(stream)) throw new StreamNotFoundError(stream);
    return (await this.readStreamRecords(stream, options)).map(openRecord);
  }

  async readStreamRecords(stream: string, options: ReadStreamOptions = {}): Promise<StoredRecord[]> {
    let selected = (this.streams.get(stream) ?? []).map((i) => this.records[i]);
    if (options.direction === 'backwards') {
      selected = selected
        .reverse()
        .filter((r) => r.revision <= (options.fromRevision ?? Number.MAX_SAFE_INTEGER));
    } else {
      selected = selected.filter((r) => r.revision >= (options.fromRevision ?? 0));
    }
    return selected.slice(0, options.limit ?? selected.length).map(({ type: _type, ...record }) => record);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { categories, types } = options.filter ?? {};
    const matching = this.records
      .slice(options.after ? Number(options.after) : 0)
      .filter((r) => !categories?.length || categories.includes(streamCategory(r.stream)))
      .filter((r) => !types?.length || types.includes(r.type));
    return matching.slice(0, options.limit ?? matching.length).map(openRecord);
  }

  async readRecords(
    options: { after?: Position; limit?: number; stream?: string } = {},
  ): Promise<StoredRecord[]> {
    const matching = this.records
      .slice(options.after ? Number(options.after) : 0)
      .filter((r) => !options.stream || r.stream === options.stream);
    return matching.slice(0, options.limit ?? matching.length).map(({ type: _type, ...record }) => record);
  }

  override onAppended(listener: (streams: readonly string[]) => void): () => void {
    this.appendWatchers.add(listener);
    return () => this.appendWatchers.delete(listener);
  }

  subscribeAll(after?: Position, filter?: ReadAllOptions['filter']): Subscription {
    return followAll(this, after, filter, (wake) => {
      this.listeners.add(wake);
      return () => this.listeners.delete(wake);
    });
  }

  async headPosition(): Promise<Position | undefined> {
    return this.records.at(-1)?.position;
  }

  comparePositions(a: Position, b: Position): number {
    return Number(a) - Number(b);
  }

  parsePosition(token: string): Position | undefined {
    return /^(0|[1-9]\d{0,15})$/.test(token) ? (token as Position) : undefined;
  }

  async findCommand(commandId: string): Promise<AppendResult | undefined> {
    return this.commands.get(commandId);
  }

  /** For tamper tests: the stored bytes, changed behind the ledger's back. */
  tamper(position: Position, change: (record: StoredRecord) => StoredRecord): void {
    const index = Number(position) - 1;
    this.records[index] = { ...change(this.records[index]), type: this.records[index].type };
  }

  async close(): Promise<void> {}
}
