import {
  checkDefinitions,
  type EventStore,
  type ProjectionDefinition,
  ProjectionRunner,
  type ProjectionStatus,
  type ReadDatabase,
} from '@ledger/event-sourcing';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { Leadership } from './leadership/leadership';
import { ProjectionLeases } from './leadership/leases';

export interface ProjectorOptions {
  store: EventStore;
  /** The PostgreSQL read database the projections write. */
  database: ReadDatabase;
  /** A small pool of its own for the leases, so renewals never queue behind batches. */
  leasePool: Pool;
  // biome-ignore lint/suspicious/noExplicitAny: each projection brings its own table types
  projections: readonly ProjectionDefinition<any>[];
  holder: string;
  leaseMs: number;
  batchSize?: number;
  log: Logger;
}

export interface ProjectorStatus {
  holder: string;
  healthy: boolean;
  projections: { name: string; role: 'leader' | 'standby'; epoch?: number }[];
}

/**
 * Runs each projection only while it holds that projection's lease: several replicas share the work
 * and stand by for each other, exactly one active per projection. Leading starts a runner for that
 * projection alone (from its checkpoint in the read database); standing down stops it.
 */
export class Projector {
  private readonly leases: ProjectionLeases;
  private readonly leaderships: Leadership[];
  private readonly runners = new Map<string, ProjectionRunner>();

  constructor(private readonly options: ProjectorOptions) {
    checkDefinitions(options.projections);
    this.leases = new ProjectionLeases(options.leasePool);
    this.leaderships = options.projections.map(
      (definition) =>
        new Leadership(this.leases, definition.name, {
          holder: options.holder,
          leaseMs: options.leaseMs,
          pollMs: Math.min(1000, Math.max(50, Math.floor(options.leaseMs / 4))),
          log: options.log,
          lead: () => this.lead(definition),
          standDown: () => this.standDown(definition.name),
        }),
    );
  }

  async start(): Promise<void> {
    await this.leases.ensureTable();
    if (this.leaderships.length === 0) this.options.log.warn({ msg: 'no projections to run' });
    for (const leadership of this.leaderships) leadership.start();
  }

  /** Stops every runner (batches in progress finish) and gives every lease back. */
  async stop(): Promise<void> {
    await Promise.all(this.leaderships.map((leadership) => leadership.stop()));
  }

  status(now = performance.now()): ProjectorStatus {
    return {
      holder: this.options.holder,
      // Unhealthy once PostgreSQL has not answered a lease check for a whole lease.
      healthy: this.leaderships.every(
        (l) => l.lastContact !== undefined && now - l.lastContact < this.options.leaseMs,
      ),
      projections: this.leaderships.map((l) => ({ name: l.projection, role: l.role, epoch: l.epoch })),
    };
  }

  leads(): Record<string, number> {
    return Object.fromEntries(this.leaderships.map((l) => [l.projection, l.leads]));
  }

  /** Lag of the projections led here (for /metrics). */
  async runnerStatuses(): Promise<ProjectionStatus[]> {
    const statuses = await Promise.all([...this.runners.values()].map((runner) => runner.status()));
    return statuses.flat();
  }

  private async lead(definition: ProjectionDefinition): Promise<void> {
    const { store, database, batchSize, log } = this.options;
    const runner = new ProjectionRunner({
      store,
      database,
      projections: [definition],
      batchSize,
      onError: (projection, error) =>
        log.warn({ projection, err: String(error), msg: 'batch failed; retrying' }),
    });
    runner.onCheckpoint((projection, position) => log.debug({ projection, position, msg: 'checkpoint' }));
    this.runners.set(definition.name, runner);
    try {
      await runner.start();
    } catch (error) {
      this.runners.delete(definition.name);
      await runner.stop();
      throw error;
    }
  }

  private async standDown(name: string): Promise<void> {
    const runner = this.runners.get(name);
    this.runners.delete(name);
    await runner?.stop();
  }
}
