import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { type Observable, tap } from 'rxjs';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Metrics } from '../health/metrics';

/**
 * Counts and times every request by its route pattern (`/api/v1/customers/:id`, never the URL with its
 * ids or query), and counts appends: metrics carry no personal data.
 */
@Injectable()
export class RequestMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: Metrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<LedgerRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const route = request.routeOptions?.url ?? 'unknown';
    const stop = this.metrics.latency.startTimer({ method: request.method, route });
    return next.handle().pipe(
      tap({
        next: (body) => {
          if (request.method === 'POST' && body && typeof body === 'object' && 'position' in body)
            this.metrics.appends.inc();
        },
        finalize: () => {
          stop();
          this.metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
        },
      }),
    );
  }
}
