import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openReadDatabase,
  type Position,
  ProjectionRunner,
  type ReadDatabase,
  type ReadDatabaseTarget,
  SqliteEventStore,
} from '@ledger/event-sourcing';
import { appendOptionsFor } from '@ledger/event-sourcing/testing/append-options';
import { HolidayCalendar } from '../calendar/holiday-calendar';
import { ledgerViews } from '../index';
import type { ViewTime } from '../shared/view-time';

/** A sealed field as events carry it: views never open one. */
export const sealed = () => ({ sealed: 'A256GCM', iv: randomUUID(), data: 'c2VhbGVk' });

export interface Recorded {
  occurredAt?: string;
  recordedAt?: string;
  actor?: { accountId: string; partnerId: string | null };
}

/**
 * The views' test world: an event store, a read database (SQLite file or PostgreSQL database) and a
 * runner with every view. Events are recorded straight into the store, as command handlers would.
 */
export class ViewWorld {
  readonly dir = mkdtempSync(join(tmpdir(), 'ledger-views-'));
  readonly store: SqliteEventStore;
  private clock = new Date('2026-03-02T15:00:00Z');
  private opened: { database: ReadDatabase; runner: ProjectionRunner }[] = [];

  constructor(readonly freshTarget: (dir: string) => Promise<ReadDatabaseTarget>) {
    this.store = new SqliteEventStore(join(this.dir, 'events.db'), () => this.clock);
  }

  /** A read database with every view running on it. */
  async views(target?: ReadDatabaseTarget, batchSize?: number, chunkSize?: number) {
    const database = await openReadDatabase(target ?? (await this.freshTarget(this.dir)));
    const runner = new ProjectionRunner({
      store: this.store,
      database,
      projections: ledgerViews,
      batchSize,
      chunkSize,
    });
    this.opened.push({ database, runner });
    await runner.start();
    return { database, runner };
  }

  async record(stream: string, type: string, data: object, options: Recorded = {}): Promise<Position> {
    // The ledger's clock moves on a second per command, unless a test sets it.
    this.clock = options.recordedAt ? new Date(options.recordedAt) : new Date(this.clock.getTime() + 1000);
    const append = appendOptionsFor('any');
    const metadata = {
      ...append.metadata,
      occurredAt: options.occurredAt ?? this.clock.toISOString(),
      ...(options.actor ? { actor: { ...options.actor, roles: ['partner-case-manager'] } } : {}),
    };
    return (await this.store.append(stream, [{ type, data }], { ...append, metadata })).position;
  }

  /** Waits until every view has applied everything recorded so far. */
  async caughtUp(runner: ProjectionRunner): Promise<void> {
    const head = await this.store.headPosition();
    if (head && !(await runner.waitFor(head, 10_000))) throw new Error('views did not catch up');
  }

  async close(): Promise<void> {
    for (const { runner, database } of this.opened.reverse()) {
      await runner.stop().catch(() => undefined);
      await database.close().catch(() => undefined);
    }
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Time for queries: a fixed now in the default zone and the federal calendar. */
export const at = (now: string): ViewTime => ({
  now: new Date(now),
  timeZone: 'America/Chicago',
  calendar: HolidayCalendar.federal(),
});
