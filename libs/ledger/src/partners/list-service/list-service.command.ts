import { LedgerCommand } from '../../shared/ledger-command';
import type { PartnerEvent, PartnerState, ServiceListing } from '../partner';
import { requireManageablePartner } from '../partner-rules';

export type ListServicePayload = ServiceListing & { partnerId: string; serviceId: string };

export class ListService extends LedgerCommand<ListServicePayload> {}

export function decideListService(
  payload: ListServicePayload,
  state: PartnerState,
  context: ListService['context'],
): PartnerEvent[] {
  const partnerId = requireManageablePartner(state, context);
  if (state.services[payload.serviceId]) return []; // the same id listed again changes nothing
  return [{ type: 'PartnerServiceListed', data: { ...payload, partnerId } }];
}
