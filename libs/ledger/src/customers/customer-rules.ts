import type { CommandContext } from '@ledger/event-sourcing';
import { DomainError, refuse, wrongPartner } from '../shared/domain-error';
import type { CustomerState } from './customer';

/** The customer exists and was not merged into another (then the answer names the surviving id). */
export function requireCustomer(state: CustomerState): string {
  if (!state.exists || !state.customerId) throw new DomainError('NOT_FOUND', 'customer does not exist', 404);
  if (state.mergedInto) {
    throw refuse('CUSTOMER_MERGED', `customer ${state.customerId} was merged into ${state.mergedInto}`, {
      survivingId: state.mergedInto,
    });
  }
  return state.customerId;
}

/** Customer records are kept by staff of a partner: the actor's partner is the one acting. */
export function actingPartner(context: CommandContext): string {
  const partnerId = context.actor.partnerId;
  if (partnerId === null) throw wrongPartner('only staff of a partner act on customer records');
  return partnerId;
}
