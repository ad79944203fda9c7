import type { EventStore } from '@ledger/event-sourcing';
import { readPartner } from '../partners/read-partner';
import { refuse } from '../shared/domain-error';

/** Which of the partner ids a command names exist and are active: the facts its decision needs. */
export async function activePartners(store: EventStore, ids: readonly string[]): Promise<string[]> {
  const states = await Promise.all([...new Set(ids)].map((id) => readPartner(store, id)));
  return states.filter((s) => s.exists && s.active).map((s) => s.partnerId as string);
}

export function requirePartners(ids: readonly string[], active: readonly string[]): void {
  const missing = ids.find((id) => !active.includes(id));
  if (missing)
    throw refuse('PARTNER_NOT_FOUND', `partner ${missing} does not exist or is deactivated`, {
      partnerId: missing,
    });
}
