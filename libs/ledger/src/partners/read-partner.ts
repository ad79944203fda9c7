import type { EventStore } from '@ledger/event-sourcing';
import { readState } from '../shared/read-state';
import { type PartnerState, partnerStream, partners } from './partner';

/** A partner's current state, for rules in other streams (an unknown id folds to `exists: false`). */
export function readPartner(store: EventStore, partnerId: string): Promise<PartnerState> {
  return readState(store, partnerStream(partnerId), partners);
}
