import type { ProjectionDefinition } from '@ledger/event-sourcing';
import * as ledger from '@ledger/ledger';

/**
 * The one list of projections the projector runs: the domain's views, as `@ledger/ledger` exports
 * them (`ledgerProjections()`). Looked up by name so the projector builds before the views land and
 * runs them as soon as they do; until then it runs none (and says so at start-up).
 */
// biome-ignore lint/suspicious/noExplicitAny: each projection brings its own table types
export function projectorProjections(): readonly ProjectionDefinition<any>[] {
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const provide = (ledger as { ledgerProjections?: () => readonly ProjectionDefinition<any>[] })
    .ledgerProjections;
  return provide ? provide() : [];
}
