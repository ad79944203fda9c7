import { EventStore } from '@ledger/event-sourcing';
import { type PartnerEvent, type PartnerState, partners } from '@ledger/ledger';
import { Controller, Get } from '@nestjs/common';
import { NoWorkReason, Requires } from '../auth/requires.decorator';

/**
 * The resource directory: every active partner's services that are not withdrawn. Folded from the
 * partner streams on each request until the projections serve it.
 */
@Controller('api/v1/directory')
export class DirectoryController {
  constructor(private readonly store: EventStore) {}

  @Get()
  @NoWorkReason()
  @Requires('directory:read')
  async directory() {
    const states = new Map<string, PartnerState>();
    for (const event of await this.store.readAll({ filter: { categories: ['partner'] } })) {
      const state = states.get(event.stream) ?? partners.initialState();
      states.set(event.stream, partners.evolve(state, event as unknown as PartnerEvent));
    }
    const items = [...states.values()]
      .filter((p) => p.active)
      .map((p) => ({
        partnerId: p.partnerId,
        name: p.name,
        kind: p.kind,
        programs: p.programs,
        services: Object.entries(p.services)
          .filter(([, s]) => !s.withdrawn)
          .map(([serviceId, { withdrawn: _w, ...service }]) => ({ serviceId, ...service })),
      }));
    return { items };
  }
}
