import type { Sealed } from '@ledger/security';
import { LedgerCommand } from '../../shared/ledger-command';
import type { PlanEvent, PlanState } from '../plan';
import { requireOpenOwnPlan } from '../plan-rules';

export class ReviewPlan extends LedgerCommand<{ planId: string; notes: string; nextReviewDue: string }> {}

/** A review's notes are about the customer; its next due date feeds the caseload. */
export function decideReviewPlan(
  { notes, nextReviewDue }: { planId: string; notes: Sealed; nextReviewDue: string },
  state: PlanState,
  context: ReviewPlan['context'],
): PlanEvent[] {
  const ids = requireOpenOwnPlan(state, context);
  return [{ type: 'PlanReviewed', data: { ...ids, notes, nextReviewDue } }];
}
