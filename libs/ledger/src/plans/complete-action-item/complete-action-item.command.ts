import { DomainError } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { PlanEvent, PlanState } from '../plan';
import { requireOpenOwnPlan } from '../plan-rules';

export class CompleteActionItem extends LedgerCommand<{ planId: string; itemId: string }> {}

/** Completing an item twice changes nothing. */
export function decideCompleteActionItem(
  { itemId }: { planId: string; itemId: string },
  state: PlanState,
  context: CompleteActionItem['context'],
): PlanEvent[] {
  const ids = requireOpenOwnPlan(state, context);
  const item = state.actionItems[itemId];
  if (!item) throw new DomainError('NOT_FOUND', `action item ${itemId} is not in this plan`, 404);
  return item.completed ? [] : [{ type: 'ActionItemCompleted', data: { ...ids, itemId } }];
}
