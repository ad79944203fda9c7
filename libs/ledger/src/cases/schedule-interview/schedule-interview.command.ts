import { LedgerCommand } from '../../shared/ledger-command';
import type { CaseEvent, CaseState } from '../case';
import { requireOwnCase, requireStep } from '../case-rules';

export class ScheduleInterview extends LedgerCommand<{ caseId: string; scheduledFor: string }> {}

/** Scheduled, or rescheduled, until eligibility is decided. */
export function decideScheduleInterview(
  { scheduledFor }: { caseId: string; scheduledFor: string },
  state: CaseState,
  context: ScheduleInterview['context'],
): CaseEvent[] {
  const ids = requireOwnCase(state, context);
  requireStep(state, ['applied', 'interview-scheduled'], 'schedule an interview for');
  return [{ type: 'InterviewScheduled', data: { ...ids, scheduledFor } }];
}
