import { LedgerCommand } from '../../shared/ledger-command';
import type { PartnerEvent, PartnerState } from '../partner';
import { requireManageablePartner } from '../partner-rules';

export class DeactivatePartner extends LedgerCommand<{ partnerId: string; reason: string }> {}

export function decideDeactivatePartner(
  payload: { partnerId: string; reason: string },
  state: PartnerState,
  context: DeactivatePartner['context'],
): PartnerEvent[] {
  const partnerId = requireManageablePartner(state, context);
  return [{ type: 'PartnerDeactivated', data: { partnerId, reason: payload.reason } }];
}
