import { createServer, type Server } from 'node:http';
import { registerProjectionMetrics } from '@ledger/event-sourcing';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Projector } from './projector';

/**
 * `/health` (200 while PostgreSQL answers the lease checks, 503 otherwise; which projections this
 * replica leads) and `/metrics` (Prometheus: leadership per projection, times led, the led
 * projections' lag). No personal data: names of projections and counts only.
 */
export function startStatusServer(projector: Projector, port: number): Promise<Server> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerProjectionMetrics({ status: () => projector.runnerStatuses() }, registry);
  new Gauge({
    name: 'ledger_projector_leader',
    help: '1 while this replica holds the projection lease and runs it',
    labelNames: ['projection'],
    registers: [registry],
    collect() {
      for (const p of projector.status().projections)
        this.set({ projection: p.name }, p.role === 'leader' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'ledger_projector_leads',
    help: 'How many times this replica has taken the projection lease',
    labelNames: ['projection'],
    registers: [registry],
    collect() {
      for (const [projection, leads] of Object.entries(projector.leads())) this.set({ projection }, leads);
    },
  });
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/health') {
      const status = projector.status();
      response.writeHead(status.healthy ? 200 : 503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: status.healthy ? 'ok' : 'unavailable', ...status }));
    } else if (request.method === 'GET' && path === '/metrics') {
      registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': registry.contentType });
          response.end(text);
        },
        (error: unknown) => {
          response.writeHead(500);
          response.end(String(error));
        },
      );
    } else {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"status":404}');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve(server));
  });
}
