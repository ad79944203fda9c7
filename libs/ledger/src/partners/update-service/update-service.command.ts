import { LedgerCommand } from '../../shared/ledger-command';
import type { PartnerEvent, PartnerState, ServiceListing } from '../partner';
import { requireManageablePartner, requireService } from '../partner-rules';

export type UpdateServicePayload = { partnerId: string; serviceId: string; changes: Partial<ServiceListing> };

export class UpdateService extends LedgerCommand<UpdateServicePayload> {}

export function decideUpdateService(
  payload: UpdateServicePayload,
  state: PartnerState,
  context: UpdateService['context'],
): PartnerEvent[] {
  const partnerId = requireManageablePartner(state, context);
  requireService(state, payload.serviceId);
  return [{ type: 'PartnerServiceUpdated', data: { ...payload, partnerId } }];
}
