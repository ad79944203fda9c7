import { EventStore } from '@ledger/event-sourcing';
import { TokenService } from '@ledger/security';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LedgerApiModule } from './app.module';
import { bootstrapAccount } from './bootstrap-account';
import type { LedgerConfig } from './config/ledger-config';
import { Clock } from './http/clock';
import { validationPipe } from './http/validation';

export interface LedgerApp {
  app: NestFastifyApplication;
  /** Set on the very first start only. */
  bootstrapToken?: string;
}

/** Builds the whole service (used by `main.ts` and by the end-to-end tests, so both run the same app). */
export async function createLedgerApp(
  config: LedgerConfig,
  options: { clock?: Clock; logger?: false } = {},
): Promise<LedgerApp> {
  const adapter = new FastifyAdapter({ bodyLimit: config.bodyLimitBytes, trustProxy: false });
  // Commands are JSON only: anything else is 415, not a string handed to validation.
  adapter.getInstance().removeContentTypeParser(['text/plain']);
  const app = await NestFactory.create<NestFastifyApplication>(
    LedgerApiModule.forConfig(config, options.clock),
    adapter,
    {
      logger: options.logger ?? ['error', 'warn'],
    },
  );
  app.useGlobalPipes(validationPipe);
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
  return { app, bootstrapToken };
}
