import type { Transaction } from 'kysely';
import type { RecordedEvent } from '../envelope/envelope';
import type { EventStore, Subscription } from '../store/event-store';
import { Batches, yieldToEventLoop } from './batches';
import { CheckpointMovedError, type Generation, type Generations } from './generations';
import type { ProjectionDefinition, ProjectionTables } from './projection';
import type { ReadDatabase } from './read-database';
import { TableNamesPlugin } from './table-names-plugin';

export interface LoopDependencies {
  store: EventStore;
  database: ReadDatabase;
  generations: Generations;
  definition: ProjectionDefinition;
  maxBatch: number;
  /** After each committed batch. */
  onCommitted(loop: ProjectionLoop): void;
  /** Between batches, whenever the store had nothing more to give at once (caught up). */
  onIdle(loop: ProjectionLoop): Promise<void>;
  onError(loop: ProjectionLoop, error: unknown): void;
}

const MAX_BACKOFF_MS = 30_000;

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
    const batches = new Batches<RecordedEvent>(subscription[Symbol.asyncIterator](), this.deps.maxBatch);
    try {
      let batch = await batches.next();
      while (batch && !this.stopped) {
        const committing = batch.items.length > 0 ? this.commit(batch.items) : Promise.resolve();
        // Reads the next batch while this one commits: PostgreSQL works while this thread parses events.
        const prefetch = batches.next(committing);
        prefetch.catch(() => undefined);
        await committing;
        if (batch.items.length > 0) {
          this.lastError = undefined;
          onProgress();
          this.deps.onCommitted(this);
        }
        if (batch.idle) await this.deps.onIdle(this);
        // SQLite answers without real I/O, so a catch-up would otherwise never let the server's requests in.
        await yieldToEventLoop();
        batch = await prefetch;
      }
    } finally {
      subscription.close();
    }
  }

  private async commit(events: readonly RecordedEvent[]): Promise<void> {
    const last = events[events.length - 1].position;
    const handled = events.filter((event) => this.handles.has(event.type));
    const { definition, database, generations } = this.deps;
    await database.writer.transaction().execute(async (trx) => {
      await generations.advance(trx, this.generation, last, events.length);
      if (handled.length === 0) return;
      await definition.apply(handled, trx.withPlugin(this.names) as Transaction<ProjectionTables>, {
        dialect: database.dialect,
        generation: this.generation.generation,
        tables: this.generation.tables,
      });
    });
    this.generation.position = last;
    this.generation.eventsRead += events.length;
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
