import { LedgerCommand } from '../../shared/ledger-command';
import type { PartnerEvent, PartnerState } from '../partner';
import { requireManageablePartner, requireService } from '../partner-rules';

export type WithdrawServicePayload = { partnerId: string; serviceId: string; reason: string };

export class WithdrawService extends LedgerCommand<WithdrawServicePayload> {}

export function decideWithdrawService(
  payload: WithdrawServicePayload,
  state: PartnerState,
  context: WithdrawService['context'],
): PartnerEvent[] {
  const partnerId = requireManageablePartner(state, context);
  requireService(state, payload.serviceId);
  return [{ type: 'PartnerServiceWithdrawn', data: { ...payload, partnerId } }];
}
