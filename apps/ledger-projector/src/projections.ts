import type { ProjectionDefinition } from '@ledger/event-sourcing';
import { ledgerProjections } from '@ledger/ledger';

/** The one list of projections the projector runs: the domain's views, as the API runs them in-process. */
// biome-ignore lint/suspicious/noExplicitAny: each projection brings its own table types
export function projectorProjections(): readonly ProjectionDefinition<any>[] {
  return ledgerProjections();
}
