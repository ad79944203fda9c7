import { type EventStore, StreamNotFoundError } from '@ledger/event-sourcing';
import { type PartnerEvent, type PartnerState, partnerStream, partners } from './partner';

/** A partner's current state, for rules in other streams (an unknown id folds to `exists: false`). */
export async function readPartner(store: EventStore, partnerId: string): Promise<PartnerState> {
  try {
    const events = await store.readStream(partnerStream(partnerId));
    return events.reduce((s, e) => partners.evolve(s, e as unknown as PartnerEvent), partners.initialState());
  } catch (error) {
    if (error instanceof StreamNotFoundError) return partners.initialState();
    throw error;
  }
}
