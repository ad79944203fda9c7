import type { Sealed } from '@ledger/security';
import { LedgerCommand } from '../../shared/ledger-command';
import type { CaseEvent, CaseState } from '../case';
import { requireOwnCase, requireStep } from '../case-rules';

export class ExitProgram extends LedgerCommand<{ caseId: string; exitedAt: string; reason: string }> {}

/** From any open step: a withdrawal before enrollment is an exit too, with its reason. */
export function decideExitProgram(
  { exitedAt, reason }: { caseId: string; exitedAt: string; reason: Sealed },
  state: CaseState,
  context: ExitProgram['context'],
): CaseEvent[] {
  const ids = requireOwnCase(state, context);
  requireStep(state, ['applied', 'interview-scheduled', 'eligible', 'enrolled'], 'exit');
  return [{ type: 'ProgramExited', data: { ...ids, exitedAt, reason } }];
}
