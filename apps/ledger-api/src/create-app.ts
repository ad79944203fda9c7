import { EventStore } from '@ledger/event-sourcing';
import { TokenService } from '@ledger/security';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { LedgerApiModule } from './app.module';
import { bootstrapAccount } from './bootstrap-account';
import type { LedgerConfig } from './config/ledger-config';
import { Metrics } from './health/metrics';
import { Clock } from './http/clock';
import { createLogger, NestJsonLogger } from './http/json-logger';
import { installOpenApi } from './http/openapi';
import { installRequestLog } from './http/request-log';
import { validationPipe } from './http/validation';

export interface LedgerApp {
  app: NestFastifyApplication;
  /** Set on the very first start only. */
  bootstrapToken?: string;
}

/** Builds the whole service (used by `main.ts` and by the end-to-end tests, so both run the same app). */
export async function createLedgerApp(
  config: LedgerConfig,
  options: { clock?: Clock; logDestination?: DestinationStream } = {},
): Promise<LedgerApp> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const adapter = new FastifyAdapter({ bodyLimit: config.bodyLimitBytes, trustProxy: false });
  // Commands are JSON only: anything else is 415, not a string handed to validation.
  adapter.getInstance().removeContentTypeParser(['text/plain']);
  const module = LedgerApiModule.forConfig(config, { clock: options.clock ?? new Clock(), logger });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: new NestJsonLogger(logger),
  });
  installRequestLog(adapter.getInstance(), logger, app.get(Metrics));
  app.useGlobalPipes(validationPipe);
  installOpenApi(app);
  app.enableShutdownHooks();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const store = app.get(EventStore);
  const bootstrapToken = await bootstrapAccount(
    store,
    app.get(TokenService),
    config.dataDir,
    app.get(Clock).now(),
  );
  if (bootstrapToken) logger.info({ msg: 'bootstrap account recorded; its token was printed once' });
  return { app, bootstrapToken };
}
