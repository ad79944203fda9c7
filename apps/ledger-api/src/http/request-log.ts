import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { LedgerRequest } from '../auth/authentication.guard';
import type { Metrics } from '../health/metrics';

/**
 * One log line and the metrics per answered request: method, route pattern (never the URL with its query),
 * status, duration and the account id. No bodies, so no personal data.
 */
export function installRequestLog(fastify: FastifyInstance, logger: Logger, metrics: Metrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    const status = reply.statusCode;
    metrics.requests.inc({ method: request.method, route, status: String(status) });
    metrics.latency.observe({ method: request.method, route }, seconds);
    if (request.method === 'POST' && status >= 200 && status < 300) metrics.appends.inc();
    if (route !== '/health' && route !== '/metrics') {
      const accountId = (request as LedgerRequest).actor?.accountId;
      logger.info({
        msg: 'request',
        method: request.method,
        route,
        status,
        ms: Math.round(seconds * 1000),
        accountId,
      });
    }
    done();
  });
}
