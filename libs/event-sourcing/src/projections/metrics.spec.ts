import { Registry } from 'prom-client';
import type { ProjectionStatus } from './lag';
import { registerProjectionMetrics } from './metrics';

describe('projection metrics', () => {
  it('publishes each projection lag and rebuild state from one status call per scrape', async () => {
    const status: ProjectionStatus[] = [
      {
        name: 'caseload',
        version: 1,
        generation: 3,
        position: undefined,
        eventsBehind: 12,
        secondsBehind: 1.5,
        state: 'live',
      },
      {
        name: 'referrals',
        version: 2,
        generation: 1,
        position: undefined,
        eventsBehind: 0,
        secondsBehind: 0,
        state: 'rebuilding',
      },
    ];
    let calls = 0;
    const registry = new Registry();
    registerProjectionMetrics(
      {
        status: async () => {
          calls++;
          return status;
        },
      },
      registry,
    );
    const text = await registry.metrics();
    expect(text).toContain('ledger_projection_events_behind{projection="caseload"} 12');
    expect(text).toContain('ledger_projection_seconds_behind{projection="caseload"} 1.5');
    expect(text).toContain('ledger_projection_rebuilding{projection="referrals"} 1');
    expect(text).toContain('ledger_projection_rebuilding{projection="caseload"} 0');
    expect(calls).toBe(1);
  });
});
