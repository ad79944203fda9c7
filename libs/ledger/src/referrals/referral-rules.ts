import type { CommandContext } from '@ledger/event-sourcing';
import { DomainError, refuse, wrongPartner } from '../shared/domain-error';
import type { ReferralState, ReferralStatus } from './referral';

type Side = 'receiver' | 'sender';

/** The referral exists, and the actor works for the side the transition belongs to (api.md table). */
export function requireSide(
  state: ReferralState,
  context: CommandContext,
  side: Side,
): { referralId: string; customerId: string } {
  if (!state.exists || !state.referralId || !state.customerId)
    throw new DomainError('NOT_FOUND', 'referral does not exist', 404);
  const partnerId = side === 'receiver' ? state.toPartnerId : state.fromPartnerId;
  if (context.actor.partnerId !== partnerId)
    throw wrongPartner(`only the ${side === 'receiver' ? 'receiving' : 'sending'} partner may do this`);
  return { referralId: state.referralId, customerId: state.customerId };
}

export function requireStatus(
  state: ReferralState,
  allowed: readonly ReferralStatus[],
  action: string,
): void {
  if (!state.status || !allowed.includes(state.status)) {
    throw refuse('TRANSITION_NOT_ALLOWED', `cannot ${action} a referral that is ${state.status}`, {
      referralStatus: state.status,
    });
  }
}
