import { refuse } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { CaseEvent, CaseState } from '../case';
import { requireOwnCase } from '../case-rules';

export class ReassignCase extends LedgerCommand<{ caseId: string; accountId: string }> {}

/** The account the work moves to: it must be an active worker of the same partner. */
export interface Assignee {
  exists: boolean;
  active: boolean;
  partnerId: string | null;
}

export function requireAssignee(assignee: Assignee, partnerId: string | undefined, accountId: string): void {
  if (!assignee.exists) throw refuse('ACCOUNT_NOT_FOUND', `account ${accountId} does not exist`);
  if (!assignee.active || assignee.partnerId !== partnerId) {
    throw refuse('ASSIGNEE_NOT_IN_PARTNER', `account ${accountId} is not an active worker of this partner`);
  }
}

export function decideReassignCase(
  { assignee, accountId }: { caseId: string; accountId: string; assignee: Assignee },
  state: CaseState,
  context: ReassignCase['context'],
): CaseEvent[] {
  const ids = requireOwnCase(state, context);
  requireAssignee(assignee, state.partnerId, accountId);
  return state.assignedTo === accountId ? [] : [{ type: 'CaseReassigned', data: { ...ids, accountId } }];
}
