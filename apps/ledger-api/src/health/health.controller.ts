import { EventStore } from '@ledger/event-sourcing';
import { Controller, Get, Header, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/requires.decorator';
import { Metrics } from './metrics';

@Controller()
export class HealthController {
  constructor(
    private readonly store: EventStore,
    private readonly metrics: Metrics,
  ) {}

  /** Readiness: the store answers. */
  @Get('health')
  @Public()
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      const head = await this.store.headPosition();
      return { status: 'ok', store: { status: 'ok', position: head ?? null } };
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
}
