import type { Sealed } from '@ledger/security';
import { DomainError, invalid, refuse } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { CustomerEvent, CustomerState } from '../customer';
import { requireCustomer } from '../customer-rules';

export type EndInvolvementPayload = {
  customerId: string;
  involvementId: string;
  endedAt: string;
  reason?: string;
};

export class EndInvolvement extends LedgerCommand<EndInvolvementPayload> {}

export function decideEndInvolvement(
  { reason, ...payload }: Omit<EndInvolvementPayload, 'reason'> & { reason?: Sealed },
  state: CustomerState,
): CustomerEvent[] {
  requireCustomer(state);
  const involvement = state.involvements[payload.involvementId];
  if (!involvement)
    throw new DomainError('NOT_FOUND', `involvement ${payload.involvementId} does not exist`, 404);
  if (involvement.ended) throw refuse('INVOLVEMENT_ENDED', 'this involvement has already ended');
  if (payload.endedAt < involvement.startedAt)
    throw invalid('endedAt', 'the involvement cannot end before it started');
  return [{ type: 'ChildWelfareInvolvementEnded', data: reason ? { ...payload, reason } : payload }];
}
