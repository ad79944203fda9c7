import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';

/** Injection token of the pino logger. */
export const LOGGER = 'LOGGER';

/**
 * Structured JSON logs (pino). Callers log ids, codes and counts, never request bodies: personal data
 * never reaches a log line. `destination` lets tests capture every line.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    { level, base: { service: 'ledger-api' }, timestamp: pino.stdTimeFunctions.isoTime },
    destination,
  );
}

/** Nest's own messages (start-up, errors) through the same JSON logger. */
export class NestJsonLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    this.logger.info(fields(message, context));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ ...fields(message, context), trace });
  }
  warn(message: unknown, context?: string) {
    this.logger.warn(fields(message, context));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug(fields(message, context));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace(fields(message, context));
  }
}

function fields(message: unknown, context?: string): Record<string, unknown> {
  return typeof message === 'object' && message !== null
    ? { context, ...message }
    : { context, msg: String(message) };
}
