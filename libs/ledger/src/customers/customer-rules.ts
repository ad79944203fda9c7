import type { CommandContext } from '@ledger/event-sourcing';
import { DomainError, wrongPartner } from '../shared/domain-error';
import type { CustomerState } from './customer';

export function requireCustomer(state: CustomerState): string {
  if (!state.exists || !state.customerId) throw new DomainError('NOT_FOUND', 'customer does not exist', 404);
  return state.customerId;
}

/** Customer records are kept by staff of a partner: the actor's partner is the one acting. */
export function actingPartner(context: CommandContext): string {
  const partnerId = context.actor.partnerId;
  if (partnerId === null) throw wrongPartner('only staff of a partner act on customer records');
  return partnerId;
}
