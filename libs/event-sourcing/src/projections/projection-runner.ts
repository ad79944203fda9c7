import type { EventStore, Position } from '../store/event-store';
import { type Generation, Generations } from './generations';
import type { ProjectionStatus } from './lag';
import { checkDefinitions, type ProjectionDefinition } from './projection';
import { ProjectionLoop } from './projection-loop';
import { type Slot, slotStatus } from './projection-slot';
import type { ReadDatabase } from './read-database';
import { Waiters } from './waiters';

export interface ProjectionRunnerOptions {
  store: EventStore;
  database: ReadDatabase;
  // biome-ignore lint/suspicious/noExplicitAny: each projection brings its own table types
  projections: readonly ProjectionDefinition<any>[];
  /** Events per transaction, at most (default 2000). */
  batchSize?: number;
  /**
   * Events per `apply` call (default 2000): a transaction bigger than this applies its events in chunks,
   * so a catch-up can commit large transactions without holding all their events in memory.
   */
  chunkSize?: number;
  clock?: () => Date;
  /** A batch failed (it will be retried from its checkpoint). Default: logged to stderr. */
  onError?: (projection: string, error: unknown) => void;
}

/**
 * Runs projections: each live generation follows the store from its checkpoint; `rebuild` (or a changed
 * `version` at start-up) builds a new generation beside it and swaps the views over once it has caught up.
 */
export class ProjectionRunner {
  private readonly slots = new Map<string, Slot>();
  private readonly generations: Generations;
  private readonly waiters: Waiters;
  private readonly listeners = new Set<(projection: string, position: Position) => void>();
  private readonly clock: () => Date;
  private started = false;

  constructor(private readonly options: ProjectionRunnerOptions) {
    checkDefinitions(options.projections);
    this.clock = options.clock ?? (() => new Date());
    this.generations = new Generations(options.database, this.clock);
    this.waiters = new Waiters(options.store, (name) => this.slots.get(name)?.live.position);
  }

  get names(): string[] {
    return this.options.projections.map((definition) => definition.name);
  }

  /** Creates missing tables, starts the live loops and any rebuild a changed version calls for. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const definition of this.options.projections) {
      const rows = await this.generations.list(definition.name);
      const next = Math.max(0, ...rows.map((row) => row.generation)) + 1;
      let live = rows.find((row) => row.state === 'live');
      let building = rows.find((row) => row.state === 'building');
      if (building && building.version !== definition.version) {
        await this.generations.drop(building);
        building = undefined;
      }
      live ??= await this.generations.create(definition, next, 'live');
      const slot: Slot = { definition, live };
      this.slots.set(definition.name, slot);
      this.waiters.advanced(definition.name);
      if (live.version === definition.version) this.startLive(slot, live);
      if (building || live.version !== definition.version) {
        this.startRebuild(slot, building ?? (await this.generations.create(definition, next, 'building')));
      }
    }
  }

  async stop(): Promise<void> {
    this.started = false;
    for (const slot of this.slots.values()) {
      await slot.liveLoop?.stop();
      await slot.rebuild?.loop.stop();
      slot.rebuild?.reject(
        new Error(`projection ${slot.definition.name}: runner stopped before the rebuild finished`),
      );
    }
    this.waiters.cancelAll();
  }

  /**
   * Builds the projection again from the first event into new tables; resolves once they are live.
   * While one is already running (asked for, or started because the version changed), joins it.
   */
  async rebuild(name: string): Promise<void> {
    const slot = this.slot(name);
    if (slot.rebuild) return slot.rebuild.done;
    const rows = await this.generations.list(name);
    const next = Math.max(...rows.map((row) => row.generation)) + 1;
    return this.startRebuild(slot, await this.generations.create(slot.definition, next, 'building'));
  }

  /** Read-your-writes: true once every named projection (default all) has applied `position`; false on timeout. */
  waitFor(position: Position, timeoutMs: number, names: readonly string[] = this.names): Promise<boolean> {
    for (const name of names) {
      if (!this.names.includes(name))
        throw new Error(`projection ${name} is not running here (known: ${this.names.join(', ')})`);
    }
    return this.waiters.waitFor(position, timeoutMs, names);
  }

  /** Lag and state of every projection, for /metrics and /health. */
  async status(): Promise<ProjectionStatus[]> {
    const head = await this.options.store.headPosition();
    const now = this.clock();
    const statuses: ProjectionStatus[] = [];
    for (const slot of this.slots.values())
      statuses.push(await slotStatus(this.options.store, slot, head, now));
    return statuses;
  }

  /** Called after each batch a live generation commits (metrics, benchmarks). */
  onCheckpoint(listener: (projection: string, position: Position) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private slot(name: string): Slot {
    const slot = this.slots.get(name);
    if (!slot)
      throw new Error(`projection ${name} is not running here (known: ${[...this.slots.keys()].join(', ')})`);
    return slot;
  }

  private loop(slot: Slot, generation: Generation): ProjectionLoop {
    const { store, database, batchSize, chunkSize } = this.options;
    const onError =
      this.options.onError ??
      ((name: string, error: unknown) => console.error(`projection ${name}: ${String(error)}; retrying`));
    return new ProjectionLoop(generation, {
      store,
      database,
      generations: this.generations,
      definition: slot.definition,
      maxBatch: batchSize ?? 2000,
      chunk: chunkSize ?? 2000,
      onCommitted: (loop) => {
        if (loop !== slot.liveLoop || !loop.position) return;
        this.waiters.advanced(slot.definition.name);
        for (const listener of this.listeners) listener(slot.definition.name, loop.position);
      },
      onIdle: (loop) => (loop === slot.rebuild?.loop ? this.promoteWhenCaughtUp(slot) : Promise.resolve()),
      onError: (_loop, error) => onError(slot.definition.name, error),
    });
  }

  private startLive(slot: Slot, generation: Generation): void {
    slot.liveLoop = this.loop(slot, generation);
    slot.liveLoop.start();
  }

  private startRebuild(slot: Slot, generation: Generation): Promise<void> {
    let resolve!: () => void;
    let reject!: (error: Error) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    done.catch(() => undefined);
    slot.rebuild = { loop: this.loop(slot, generation), done, resolve, reject, liveStopped: false };
    slot.rebuild.loop.start();
    return done;
  }

  /**
   * Runs between the rebuild's batches whenever the store had nothing more for it at once. Once the
   * rebuild has reached the live generation, the live loop stops (finishing its batch); once the rebuild
   * has passed that final checkpoint too, the views swap: the live position never moves backwards, and
   * queries stay current until the rebuild is at most a batch away.
   */
  private async promoteWhenCaughtUp(slot: Slot): Promise<void> {
    const rebuild = slot.rebuild;
    if (!rebuild) return;
    const behind = () => {
      const target = slot.live.position;
      const position = rebuild.loop.position;
      return target !== undefined && (!position || this.options.store.comparePositions(position, target) < 0);
    };
    if (behind()) return;
    if (!rebuild.liveStopped) {
      await slot.liveLoop?.stop();
      slot.liveLoop = undefined;
      rebuild.liveStopped = true;
    }
    if (behind()) return;
    await this.generations.promote(rebuild.loop.generation, slot.live);
    slot.live = rebuild.loop.generation;
    slot.liveLoop = rebuild.loop;
    slot.rebuild = undefined;
    this.waiters.advanced(slot.definition.name);
    rebuild.resolve();
  }
}
