import type { Transaction } from 'kysely';
import type { RecordedEvent } from '../envelope/envelope';
import type { EventStore, Position, Subscription } from '../store/event-store';
import { type Batch, Batches, yieldToEventLoop } from './batches';
import { CheckpointMovedError, type Generation, type Generations } from './generations';
import type { ProjectionDefinition, ProjectionTables } from './projection';
import type { ReadDatabase, UntypedDatabase } from './read-database';
import { TableNamesPlugin } from './table-names-plugin';

export interface LoopDependencies {
  store: EventStore;
  database: ReadDatabase;
  generations: Generations;
  definition: ProjectionDefinition;
  /** Events per transaction, at most. */
  maxBatch: number;
  /** Events per `apply` call: a transaction applies its events this many at a time. */
  chunk: number;
  /** After each committed batch. */
  onCommitted(loop: ProjectionLoop): void;
  /** Between batches, whenever the store had nothing more to give at once (caught up). */
  onIdle(loop: ProjectionLoop): Promise<void>;
  onError(loop: ProjectionLoop, error: unknown): void;
}

const MAX_BACKOFF_MS = 30_000;
/**
 * A transaction stops taking chunks after this long, whatever its size: in SQLite a rebuild shares the one
 * writing connection with the live generation, whose batches (and the reads waiting on them through
 * `minPosition`) queue behind it.
 */
const MAX_TRANSACTION_MS = 1_000;

/**
 * Follows the store's global order from one generation's checkpoint and commits each batch's rows with
 * the checkpoint. On a failure it backs off and starts again from the last committed checkpoint, so an
 * event is applied exactly once whatever fails where.
 */
export class ProjectionLoop {
  lastError: unknown;
  private stopped = false;
  private subscription: Subscription | undefined;
  private done: Promise<void> | undefined;
  private wakeFromBackoff: (() => void) | undefined;
  /** The generation's query indexes are there: created when this loop first caught up. */
  private indexed = false;
  private readonly handles: ReadonlySet<string>;
  private readonly names: TableNamesPlugin;

  constructor(
    readonly generation: Generation,
    private readonly deps: LoopDependencies,
  ) {
    this.handles = new Set(deps.definition.handles);
    this.names = new TableNamesPlugin(new Map(Object.entries(generation.tables)));
  }

  get position() {
    return this.generation.position;
  }

  start(): void {
    this.done ??= this.run();
  }

  /** Lets the batch in progress commit (or fail), then returns. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.subscription?.close();
    this.wakeFromBackoff?.();
    await this.done;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        await this.follow(() => {
          failures = 0;
        });
      } catch (error) {
        if (this.stopped) break;
        this.lastError = error;
        this.deps.onError(this, error);
        if (error instanceof CheckpointMovedError && !(await this.reload())) break;
        await this.backoff(Math.min(MAX_BACKOFF_MS, 100 * 2 ** failures++));
      }
    }
  }

  private async follow(onProgress: () => void): Promise<void> {
    const subscription = this.deps.store.subscribeAll(this.generation.position);
    this.subscription = subscription;
    if (this.stopped) subscription.close();
    const chunks = new Batches<RecordedEvent>(
      subscription[Symbol.asyncIterator](),
      Math.min(this.deps.chunk, this.deps.maxBatch),
    );
    try {
      let chunk = await chunks.next();
      while (chunk && !this.stopped) {
        let last: Batch<RecordedEvent> | undefined = chunk;
        if (chunk.items.length > 0) {
          last = await this.commit(chunk, chunks);
          this.lastError = undefined;
          onProgress();
          this.deps.onCommitted(this);
        }
        if (!last) break;
        if (last.idle && !this.indexed) {
          // Caught up at a batch boundary: no batch to bring the indexes in with.
          await this.deps.database.writer.transaction().execute((trx) => this.createIndexes(trx));
          this.indexed = true;
        }
        if (last.idle) await this.deps.onIdle(this);
        // SQLite answers without real I/O, so a catch-up would otherwise never let the server's requests in.
        await yieldToEventLoop();
        chunk = await chunks.next();
      }
    } finally {
      subscription.close();
    }
  }

  /**
   * One transaction: applies chunks of events as the store yields them (reading the next one while one
   * applies) until it has nothing more at once, `maxBatch` events are in or a second has passed, then
   * commits their rows with the checkpoint. Big transactions make the database write its pages fewer times; small chunks keep
   * few events in memory. Returns the last chunk read: an idle one says the store was caught up, none
   * that it ended.
   */
  private async commit(
    first: Batch<RecordedEvent>,
    chunks: Batches<RecordedEvent>,
  ): Promise<Batch<RecordedEvent> | undefined> {
    const { database, maxBatch } = this.deps;
    let position = this.generation.position;
    let events = 0;
    let chunk: Batch<RecordedEvent> | undefined = first;
    let indexed = false;
    const started = performance.now();
    await database.writer.transaction().execute(async (trx) => {
      while (chunk && chunk.items.length > 0) {
        const applying = this.apply(trx, position, chunk.items);
        position = chunk.items[chunk.items.length - 1].position;
        events += chunk.items.length;
        const full = events >= maxBatch || performance.now() - started >= MAX_TRANSACTION_MS;
        if (chunk.idle || full || this.stopped) {
          await applying;
          break;
        }
        // Reads the next chunk while this one applies: PostgreSQL works while this thread parses events.
        const reading = chunks.next(applying, maxBatch - events);
        reading.catch(() => undefined);
        await applying;
        chunk = await reading;
      }
      // Caught up: a new generation gets its query indexes with this batch, before anyone waits on it.
      if (chunk?.idle && !this.indexed) {
        await this.createIndexes(trx);
        indexed = true;
      }
    });
    this.indexed ||= indexed;
    this.generation.position = position;
    this.generation.eventsRead += events;
    return chunk;
  }

  private createIndexes(trx: Transaction<UntypedDatabase>): Promise<void> {
    return this.deps.generations.createIndexes(trx, this.deps.definition, this.generation);
  }

  private async apply(
    trx: Transaction<UntypedDatabase>,
    from: Position | undefined,
    events: readonly RecordedEvent[],
  ): Promise<void> {
    const { definition, database, generations } = this.deps;
    await generations.advance(trx, this.generation, from, events[events.length - 1].position, events.length);
    const handled = events.filter((event) => this.handles.has(event.type));
    if (handled.length === 0) return;
    await definition.apply(handled, trx.withPlugin(this.names) as Transaction<ProjectionTables>, {
      dialect: database.dialect,
      generation: this.generation.generation,
      tables: this.generation.tables,
    });
  }

  /** Picks up the checkpoint another runner wrote; false when this generation is gone. */
  private async reload(): Promise<boolean> {
    const current = (await this.deps.generations.list(this.generation.name)).find(
      (row) => row.generation === this.generation.generation,
    );
    if (!current) return false;
    this.generation.position = current.position;
    this.generation.eventsRead = current.eventsRead;
    return true;
  }

  private backoff(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeFromBackoff = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
