import {
  EventStore,
  openReadDatabase,
  ProjectionRunner,
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

/**
 * The read side: the read database (`LEDGER_READ_DATABASE_URL`: unset, SQLite `read.db` in the data
 * directory; postgres://, PostgreSQL) and the runner that keeps every view following the store. Started
 * with the app; its lag is on /health and /metrics.
 */
@Injectable()
export class ReadModels implements OnApplicationBootstrap, OnModuleDestroy {
  private opened: { database: ReadDatabase; runner: ProjectionRunner } | undefined;
  readonly calendar: Calendar;

  constructor(
    private readonly config: LedgerConfig,
    private readonly store: EventStore,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.calendar = config.holidays ? HolidayCalendar.of(config.holidays) : HolidayCalendar.federal();
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
