import { refuse } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { FindingEvent, FindingState } from '../finding';

export class DismissFinding extends LedgerCommand<{ findingId: string; reason: string }> {}

/** Not the same person, or a justified repeat: a reviewer's decision, with the reason, kept for good. */
export function decideDismissFinding(
  { findingId, reason }: { findingId: string; reason: string },
  state: FindingState,
  context: DismissFinding['context'],
): FindingEvent[] {
  if (state.dismissed) throw refuse('FINDING_DISMISSED', 'this finding was already dismissed');
  return [{ type: 'FindingDismissed', data: { findingId, reason, dismissedBy: context.actor.accountId } }];
}
