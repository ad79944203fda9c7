import type { Sealed } from '@ledger/security';
import { refuse } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { PlanEvent, PlanState } from '../plan';
import { requireOpenOwnPlan } from '../plan-rules';

export type CreateActionItemPayload = {
  planId: string;
  itemId: string;
  assignee: string;
  description: string;
  dueDate: string;
};

export class CreateActionItem extends LedgerCommand<CreateActionItemPayload> {}

/** Something the participant or the worker is to do by a date; its description is about the customer. */
export function decideCreateActionItem(
  {
    itemId,
    assignee,
    description,
    dueDate,
  }: Omit<CreateActionItemPayload, 'description'> & {
    description: Sealed;
  },
  state: PlanState,
  context: CreateActionItem['context'],
): PlanEvent[] {
  const ids = requireOpenOwnPlan(state, context);
  if (state.actionItems[itemId]) throw refuse('ACTION_ITEM_EXISTS', `action item ${itemId} already exists`);
  return [{ type: 'ActionItemCreated', data: { ...ids, itemId, assignee, description, dueDate } }];
}
