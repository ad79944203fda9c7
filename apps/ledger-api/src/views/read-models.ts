import { join } from 'node:path';
import {
  EventStore,
  openReadDatabase,
  ProjectionRunner,
  parseAsOf,
  type ReadDatabase,
  readDatabaseTarget,
  registerProjectionMetrics,
} from '@ledger/event-sourcing';
import { type Calendar, HolidayCalendar, ledgerViews, VIEW_BATCH_SIZE, type ViewTime } from '@ledger/ledger';
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { LedgerConfig } from '../config/ledger-config';
import type { Metrics } from '../health/metrics';
import type { Clock } from '../http/clock';
import { fail } from '../http/problem';
import { waitForViews } from './view-request';
import { ViewsAsOf } from './views-as-of';

const badAsOf = (message: string) => fail(400, `asOf ${message}`, { errors: [{ field: 'asOf', message }] });

/**
 * The read side: the read database (`LEDGER_READ_DATABASE_URL`: unset, SQLite `read.db` in the data
 * directory; postgres://, PostgreSQL) and the runner that keeps every view following the store. Started
 * with the app; its lag is on /health and /metrics.
 */
@Injectable()
export class ReadModels implements OnApplicationBootstrap, OnModuleDestroy {
  private opened: { database: ReadDatabase; runner: ProjectionRunner } | undefined;
  private readonly past: ViewsAsOf;
  readonly calendar: Calendar;

  constructor(
    private readonly config: LedgerConfig,
    private readonly store: EventStore,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.calendar = config.holidays ? HolidayCalendar.of(config.holidays) : HolidayCalendar.federal();
    // In the data directory, which is sized and guarded for the ledger's data, rather than /tmp.
    this.past = new ViewsAsOf(store, join(config.dataDir, 'views-as-of'), (cut, milliseconds) =>
      logger.info({ msg: 'views built as of a past position', position: cut ?? null, milliseconds }),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    const database = await openReadDatabase(
      readDatabaseTarget(this.config.readDatabaseUrl, this.config.dataDir),
    );
    const runner = new ProjectionRunner({
      store: this.store,
      database,
      projections: ledgerViews,
      batchSize: VIEW_BATCH_SIZE,
      // The batch is retried from its checkpoint; the message names code and ids, never personal data.
      onError: (projection, error) =>
        this.logger.error({ msg: 'projection batch failed; retrying', projection, error: String(error) }),
    });
    this.opened = { database, runner };
    await runner.start();
    registerProjectionMetrics(runner, this.metrics.registry);
  }

  async onModuleDestroy(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    await opened?.runner.stop();
    await opened?.database.close();
    await this.past.close();
  }

  /**
   * What a view query reads: the views as they stood at `?asOf=` (a position, or a past time: built into a
   * temporary database, see ViewsAsOf), else the live views once they have reached `?minPosition=`.
   */
  async forQuery(query: Record<string, unknown>): Promise<{ database: ReadDatabase; time: ViewTime }> {
    const raw = query?.asOf;
    if (raw === undefined) {
      await waitForViews(query, this.store, this);
      return { database: this.database, time: this.time() };
    }
    const asOf = typeof raw === 'string' ? parseAsOf(this.store, raw) : undefined;
    if (!asOf) throw badAsOf('must be a position as a command answered it, or a time with an offset or Z');
    const now = this.clock.now();
    if ('time' in asOf && asOf.time > now) throw badAsOf('must not be in the future');
    const past = await this.past.at(asOf, now.getTime()).catch((error: Error) => {
      // The one thing the request can have wrong here: a position the ledger has not reached.
      if (/has not reached/.test(error.message)) throw badAsOf(error.message);
      throw error;
    });
    return { database: past.database, time: { ...this.time(), now: past.now } };
  }

  get database(): ReadDatabase {
    return this.started().database;
  }

  get runner(): ProjectionRunner {
    return this.started().runner;
  }

  /** Now, the time zone and the working-day calendar, for one query. */
  time(): ViewTime {
    return { now: this.clock.now(), timeZone: this.config.timezone, calendar: this.calendar };
  }

  get assessmentReuseDays(): number {
    return this.config.assessmentReuseDays;
  }

  private started() {
    if (!this.opened)
      throw new Error('the read models are not open (the app has not started, or has stopped)');
    return this.opened;
  }
}
