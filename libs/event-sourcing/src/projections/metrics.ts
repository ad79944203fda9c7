import { Gauge, type Registry } from 'prom-client';
import type { ProjectionStatus } from './lag';
import type { ProjectionRunner } from './projection-runner';

/**
 * Publishes the runner's lag on a Prometheus registry (the app's /metrics): events and seconds behind,
 * and whether a rebuild is running, per projection. One `status()` serves all three gauges of a scrape.
 */
export function registerProjectionMetrics(
  runner: Pick<ProjectionRunner, 'status'>,
  registry: Registry,
): void {
  let pending: Promise<ProjectionStatus[]> | undefined;
  const statuses = () => {
    pending ??= runner.status().finally(() => setTimeout(() => (pending = undefined), 500).unref());
    return pending;
  };
  const gauge = (name: string, help: string, value: (status: ProjectionStatus) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['projection'],
      registers: [registry],
      async collect() {
        for (const status of await statuses()) this.set({ projection: status.name }, value(status));
      },
    });
  gauge(
    'ledger_projection_events_behind',
    'Events in the store the projection has not applied yet',
    (s) => s.eventsBehind,
  );
  gauge(
    'ledger_projection_seconds_behind',
    'Age of the oldest event the projection has not applied yet',
    (s) => s.secondsBehind,
  );
  gauge('ledger_projection_rebuilding', '1 while the projection is being rebuilt into new tables', (s) =>
    s.state === 'rebuilding' ? 1 : 0,
  );
}
