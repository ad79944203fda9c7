import type { CommandContext } from '@ledger/event-sourcing';
import { DomainError, refuse, wrongPartner } from '../shared/domain-error';
import type { CaseState, CaseStep } from './case';

/** The case exists and the actor works for the partner that holds it. */
export function requireOwnCase(
  state: CaseState,
  context: CommandContext,
): Required<Pick<CaseState, 'caseId' | 'customerId'>> {
  if (!state.exists || !state.caseId || !state.customerId)
    throw new DomainError('NOT_FOUND', 'case does not exist', 404);
  if (context.actor.partnerId !== state.partnerId) throw wrongPartner('this case belongs to another partner');
  return { caseId: state.caseId, customerId: state.customerId };
}

export function requireStep(state: CaseState, allowed: readonly CaseStep[], action: string): void {
  if (!state.step || !allowed.includes(state.step)) {
    throw refuse('TRANSITION_NOT_ALLOWED', `cannot ${action} a case at step ${state.step}`, {
      step: state.step,
    });
  }
}
