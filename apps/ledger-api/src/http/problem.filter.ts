import { WrongExpectedRevisionError } from '@ledger/event-sourcing';
import { DomainError } from '@ledger/ledger';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { LOGGER } from './json-logger';
import { type Problem, ProblemError, problem } from './problem';

/** Every error leaves as application/problem+json; nothing a client sent ever becomes a 500. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toProblem(error);
    // The stack names code, not data; the message of an unexpected error is not logged, in case it quotes input.
    if (body.status >= 500)
      this.logger.error({
        msg: 'unexpected error',
        stack: error instanceof Error ? error.stack?.split('\n').slice(1).join('\n') : undefined,
      });
    if (body.status === 429 && typeof body.retryAfter === 'number')
      reply.header('Retry-After', String(body.retryAfter));
    if (body.status === 503) reply.header('Retry-After', '1');
    reply.status(body.status).header('Content-Type', 'application/problem+json').send(body);
  }

  private toProblem(error: unknown): Problem {
    if (error instanceof ProblemError) return error.problem;
    if (error instanceof DomainError) {
      return problem(error.status, error.message, { code: error.code, ...error.details });
    }
    if (error instanceof WrongExpectedRevisionError) {
      return problem(409, 'the record changed while the command ran; read it again and retry', {
        code: 'CONCURRENCY_CONFLICT',
      });
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      const detail =
        typeof response === 'string'
          ? response
          : ((response as { message?: unknown }).message ?? error.message);
      return problem(status, Array.isArray(detail) ? detail.join('; ') : String(detail));
    }
    const fastifyError = error as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
      return problem(fastifyError.statusCode, fastifyError.message ?? 'bad request', {
        code: fastifyError.code,
      });
    }
    return problem(500, 'the ledger could not answer this request');
  }
}
