import { refuse } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { AccountEvent, AccountState } from '../account';
import { requireAccountAuthority } from '../account-rules';

export class ActivateAccount extends LedgerCommand<{ accountId: string }> {}

export function decideActivateAccount(
  { accountId }: { accountId: string },
  state: AccountState,
  context: ActivateAccount['context'],
): AccountEvent[] {
  requireAccountAuthority(state, context);
  if (state.status === 'active') return [];
  if (state.status !== 'requested')
    throw refuse('TRANSITION_NOT_ALLOWED', `a ${state.status} account is re-enabled, not activated`);
  return [{ type: 'AccountActivated', data: { accountId, authorisedBy: context.actor.accountId } }];
}
