import type Database from 'better-sqlite3';
import { openRecord, type RecordedEvent, type StoredRecord } from '../../envelope/envelope';
import type { VerificationResult, VerifyOptions } from '../../envelope/verify';
import { compiledModulePath } from '../../runtime/compiled-module';
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
  WrongExpectedRevisionError,
} from '../../store/event-store';
import { followAll } from '../../store/follow-all';
import { CallingThreadWriter } from './calling-thread-writer';
import { openLedgerDatabase } from './sqlite-schema';
import { verifySqliteFile } from './sqlite-verify';
import { type AppendOutcome, prepareAppend, type WriteRequest } from './sqlite-writer';
import { WriterChannel } from './writer-channel';
import { decodeOutcomes, encodeBatch, type FlatMessage } from './writer-messages';

interface Pending {
  request: WriteRequest;
  resolve(result: AppendResult | undefined): void;
  reject(error: Error): void;
}

type WriterReply = { outcomes: FlatMessage } | { failure: string };

const MAX_BATCH = 2048;
/**
 * Batches sent and not yet answered. Two let this thread prepare (and settle) one batch while the writer
 * commits the other; with one, the threads took turns: 64 writers waited ~2.5 ms here for the writer,
 * then it waited ~3.5 ms for them. A third would only split the same appends into more commits.
 */
const MAX_IN_FLIGHT = 2;
/** Below this, a second commit (an fsync, ~0.3 ms) costs more than the preparing it would overlap. */
const SPLIT_AT = 16;
const COLUMNS = 'position, stream, revision, canonical, hash';

/**
 * The embedded default. Appends queue up while the writer thread commits earlier batches, then go
 * together in the next one (group commit); reads use this thread's own connection (WAL: readers never
 * block the writer, and never see half a transaction).
 */
export class SqliteEventStore extends EventStore {
  private readonly reader: Database.Database;
  private readonly writer: WriterChannel;
  private queue: Pending[] = [];
  private readonly inFlight: Pending[][] = [];
  /** Lone appends while this thread is calm (see CallingThreadWriter); undefined: all go to the writer thread. */
  private readonly here: CallingThreadWriter | undefined;
  private dispatchScheduled = false;
  private closed = false;
  private readonly listeners = new Set<() => void>();
  private readonly appendWatchers = new Set<(streams: readonly string[]) => void>();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    readonly file: string,
    private readonly clock: () => Date = () => new Date(),
    options: { callingThreadWrites?: boolean } = {},
  ) {
    super();
    this.reader = openLedgerDatabase(file);
    this.writer = new WriterChannel(compiledModulePath(__dirname, 'sqlite-writer.worker'), file);
    if (options.callingThreadWrites ?? true) this.here = new CallingThreadWriter(file);
  }

  append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    if (events.length === 0) return Promise.reject(new TypeError('append needs at least one event'));
    // The envelope's parts become canonical JSON here, once: the writer thread only joins the text.
    return this.enqueue(prepareAppend({ stream, events, ...options })) as Promise<AppendResult>;
  }

  /**
   * Keeps a secret beside the events (never inside them), committed no later than any append queued after
   * it; `null` destroys it for good. The customers' data keys live here (crypto-shredding).
   */
  async writeSecret(id: string, value: string | null): Promise<void> {
    await this.enqueue({ secret: { id, value } });
  }

  async readSecret(id: string): Promise<string | undefined> {
    const row = this.statement('SELECT value FROM secrets WHERE id = ?').get(id) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  private enqueue(request: WriteRequest): Promise<AppendResult | undefined> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.scheduleDispatch();
    });
  }

  /**
   * Sends the queue once the current turn is done (process.nextTick runs after the promise jobs of this
   * turn), so every append made in the same turn rides in one batch. Dispatching on the first append of a
   * turn instead sent it alone: when a batch settles, its writers' next appends arrive one promise job
   * apart, and 64 writers made batches of 1 and 63 in turn, one commit (and fsync) too many per round.
   */
  private scheduleDispatch(): void {
    if (this.inFlight.length >= MAX_IN_FLIGHT || this.dispatchScheduled) return;
    this.dispatchScheduled = true;
    process.nextTick(() => {
      this.dispatchScheduled = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    // A lone append to an idle writer thread may be written here. Its watchers may append again meanwhile
    // (those wait in the queue behind it, and a dispatch is scheduled for them), so it leaves the queue only now.
    if (this.inFlight.length === 0 && this.queue.length === 1 && this.writeHere(this.queue[0])) {
      this.queue.shift();
      return;
    }
    while (this.inFlight.length < MAX_IN_FLIGHT && this.queue.length > 0) {
      // An idle writer gets a big queue in two halves, so that from then on this thread prepares one half
      // while the writer commits the other (see MAX_IN_FLIGHT).
      const half = this.inFlight.length === 0 && this.queue.length >= SPLIT_AT;
      this.send(this.queue.splice(0, half ? Math.ceil(this.queue.length / 2) : MAX_BATCH));
    }
  }

  /** True when the append was written (and settled) on this thread. */
  private writeHere(pending: Pending): boolean {
    const { request } = pending;
    if (!this.here || 'secret' in request) return false;
    let outcome: AppendOutcome | undefined;
    try {
      outcome = this.here.tryWrite(request, this.clock().toISOString());
    } catch (error) {
      pending.reject(new Error(`append failed: ${(error as Error).message}`));
      return true;
    }
    if (!outcome) return false;
    settleOne(pending, outcome);
    this.notify([request.stream]);
    return true;
  }

  private send(batch: Pending[]): void {
    this.inFlight.push(batch);
    const message = encodeBatch({
      recordedAt: this.clock().toISOString(),
      requests: batch.map((pending) => pending.request),
    });
    this.writer.request<WriterReply>(message).then(
      (reply) => this.settle(reply),
      (error: Error) => this.failInFlight(error),
    );
  }

  private settle(reply: WriterReply): void {
    // Replies come back in the order the batches were sent.
    const batch = this.inFlight.shift() ?? [];
    if ('failure' in reply) {
      for (const pending of batch) pending.reject(new Error(`append failed: ${reply.failure}`));
    } else {
      decodeOutcomes(reply.outcomes).forEach((outcome, i) => {
        settleOne(batch[i], outcome);
      });
      this.notify(batch.flatMap((pending) => ('stream' in pending.request ? [pending.request.stream] : [])));
    }
    if (this.queue.length > 0) this.scheduleDispatch();
  }

  private notify(streams: string[]): void {
    for (const watcher of this.appendWatchers) watcher(streams);
    for (const listener of this.listeners) listener();
  }

  private failInFlight(error: Error): void {
    for (const pending of [...this.inFlight.flat(), ...this.queue]) pending.reject(error);
    this.inFlight.length = 0;
    this.queue = [];
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const rows = await this.readStreamRecords(stream, options);
    if (rows.length === 0 && !this.statement('SELECT 1 FROM events WHERE stream = ? LIMIT 1').get(stream)) {
      throw new StreamNotFoundError(stream);
    }
    return rows.map(openRecord);
  }

  async readStreamRecords(stream: string, options: ReadStreamOptions = {}): Promise<StoredRecord[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const sql = backwards
      ? `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`
      : `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`;
    return this.rows(sql, [stream, from, options.limit ?? -1]);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const where = ['position > ?'];
    const params: unknown[] = [options.after ? Number(options.after) : 0];
    const { categories, types } = options.filter ?? {};
    if (categories?.length) {
      where.push(`category IN (${categories.map(() => '?').join(',')})`);
      params.push(...categories);
    }
    if (types?.length) {
      where.push(`type IN (${types.map(() => '?').join(',')})`);
      params.push(...types);
    }
    params.push(options.limit ?? -1);
    return this.rows(
      `SELECT ${COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`,
      params,
    ).map(openRecord);
  }

  async readRecords(
    options: { after?: Position; limit?: number; stream?: string } = {},
  ): Promise<StoredRecord[]> {
    const after = options.after ? Number(options.after) : 0;
    const limit = options.limit ?? -1;
    return options.stream
      ? this.rows(
          `SELECT ${COLUMNS} FROM events WHERE stream = ? AND position > ? ORDER BY position LIMIT ?`,
          [options.stream, after, limit],
        )
      : this.rows(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`, [
          after,
          limit,
        ]);
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
    const row = this.statement('SELECT max(position) AS head FROM events').get() as { head: number | null };
    return row.head === null ? undefined : (String(row.head) as Position);
  }

  comparePositions(a: Position, b: Position): number {
    return Number(a) - Number(b);
  }

  /** Positions are the rowids of a table that is only appended to by one writer: gap-free, so subtract. */
  override async countEvents(options: { after?: Position; upTo: Position; cap?: number }): Promise<number> {
    const count = Math.max(0, Number(options.upTo) - Number(options.after ?? 0));
    return Math.min(count, options.cap ?? Number.MAX_SAFE_INTEGER);
  }

  parsePosition(token: string): Position | undefined {
    return /^(0|[1-9]\d{0,15})$/.test(token) ? (token as Position) : undefined;
  }

  async findCommand(commandId: string): Promise<AppendResult | undefined> {
    const sql = 'SELECT stream, revision, position, receipt FROM commands WHERE command_id = ?';
    const row = this.statement(sql).get(commandId) as
      | { stream: string; revision: number; position: number; receipt: string | null }
      | undefined;
    if (!row) return undefined;
    const result = { stream: row.stream, revision: row.revision, position: String(row.position) as Position };
    return row.receipt
      ? { ...result, duplicate: true, receipt: row.receipt }
      : { ...result, duplicate: true };
  }

  override async verify(options: VerifyOptions = {}): Promise<VerificationResult> {
    const head = await this.headPosition();
    if (options.stream || !head) return super.verify(options);
    return verifySqliteFile(this.file, Number(head), options.onProgress, options.digest);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.inFlight.length > 0 || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
    this.here?.close();
    // The writer closes its connection (a clean WAL checkpoint) before the thread goes.
    await this.writer.request('close').catch(() => undefined);
    await this.writer.terminate();
    this.reader.close();
  }

  private rows(sql: string, params: unknown[]): StoredRecord[] {
    return (this.statement(sql).all(...params) as (StoredRecord & { position: number })[]).map((row) => ({
      ...row,
      position: String(row.position) as Position,
    }));
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.reader.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

function settleOne(pending: Pending, outcome: AppendOutcome): void {
  const stream = 'stream' in pending.request ? pending.request.stream : 'secrets';
  if ('secret' in outcome) {
    pending.resolve(undefined);
  } else if (outcome.ok) {
    const { stream, revision, position, duplicate, receipt } = outcome;
    const result = { stream, revision, position: String(position) as Position, duplicate };
    pending.resolve(receipt ? { ...result, receipt } : result);
  } else if (outcome.kind === 'wrong-revision') {
    pending.reject(new WrongExpectedRevisionError(stream, outcome.expected, outcome.actual));
  } else {
    pending.reject(new TypeError(`append to ${stream} refused: ${outcome.message}`));
  }
}
