import { refuse } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { FindingEvent, FindingState } from '../finding';

export class ResolveFinding extends LedgerCommand<{ findingId: string; resolution: string }> {}

/** A security officer's resolution of an account-audit finding, kept for good. */
export function decideResolveFinding(
  { findingId, resolution }: { findingId: string; resolution: string },
  state: FindingState,
  context: ResolveFinding['context'],
): FindingEvent[] {
  if (state.resolved) throw refuse('FINDING_RESOLVED', 'this finding was already resolved');
  return [{ type: 'FindingResolved', data: { findingId, resolution, resolvedBy: context.actor.accountId } }];
}
