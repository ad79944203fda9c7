import type { CommandContext } from '@ledger/event-sourcing';
import { DomainError, refuse } from '../shared/domain-error';
import { requireOwnPartner } from '../shared/guards';
import type { PartnerState } from './partner';

/** Every change to a partner: it exists, it is active, and the actor administers it. */
export function requireManageablePartner(state: PartnerState, context: CommandContext): string {
  if (!state.exists || !state.partnerId) throw new DomainError('NOT_FOUND', 'partner does not exist', 404);
  requireOwnPartner(context, state.partnerId, 'this partner');
  if (!state.active) throw refuse('PARTNER_INACTIVE', `partner ${state.partnerId} is deactivated`);
  return state.partnerId;
}

export function requireService(state: PartnerState, serviceId: string) {
  const service = state.services[serviceId];
  if (!service) throw new DomainError('NOT_FOUND', `service ${serviceId} does not exist`, 404);
  if (service.withdrawn) throw refuse('SERVICE_WITHDRAWN', `service ${serviceId} was withdrawn`);
  return service;
}
