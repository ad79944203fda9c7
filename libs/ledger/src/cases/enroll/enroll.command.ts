import { LedgerCommand } from '../../shared/ledger-command';
import type { CaseEvent, CaseState } from '../case';
import { requireOwnCase, requireStep } from '../case-rules';

export class Enroll extends LedgerCommand<{ caseId: string; enrolledAt: string }> {}

export function decideEnroll(
  { enrolledAt }: { caseId: string; enrolledAt: string },
  state: CaseState,
  context: Enroll['context'],
): CaseEvent[] {
  const ids = requireOwnCase(state, context);
  requireStep(state, ['eligible'], 'enroll');
  return [{ type: 'Enrolled', data: { ...ids, enrolledAt } }];
}
