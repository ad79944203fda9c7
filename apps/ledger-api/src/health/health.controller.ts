import { EventStore } from '@ledger/event-sourcing';
import { Controller, Get, Header, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/requires.decorator';
import { ReadModels } from '../views/read-models';
import { Metrics } from './metrics';

@Controller()
export class HealthController {
  constructor(
    private readonly store: EventStore,
    private readonly metrics: Metrics,
    private readonly views: ReadModels,
  ) {}

  /** Readiness: the store answers. The views' lag is shown, not judged: a rebuild may take minutes. */
  @Get('health')
  @Public()
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      const head = await this.store.headPosition();
      return {
        status: 'ok',
        store: { status: 'ok', position: head ?? null },
        projections: await this.projections(),
      };
    } catch (error) {
      reply.status(503);
      return { status: 'unavailable', store: { status: 'down', error: (error as Error).message } };
    }
  }

  @Get('metrics')
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metricsText() {
    return this.metrics.registry.metrics();
  }

  private async projections() {
    try {
      return await this.views.runner.status();
    } catch (error) {
      return { status: 'down', error: (error as Error).message };
    }
  }
}
