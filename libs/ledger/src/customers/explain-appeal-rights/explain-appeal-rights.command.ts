import { LedgerCommand } from '../../shared/ledger-command';
import type { CustomerEvent, CustomerState } from '../customer';
import { requirePartners } from '../customer-facts';
import { requireCustomer } from '../customer-rules';

export type ExplainAppealRightsPayload = {
  customerId: string;
  partnerId: string;
  program: string;
  method: string;
  language?: string;
};

export class ExplainAppealRights extends LedgerCommand<ExplainAppealRightsPayload> {}

export function decideExplainAppealRights(
  { activePartners, ...payload }: ExplainAppealRightsPayload & { activePartners: string[] },
  state: CustomerState,
): CustomerEvent[] {
  requireCustomer(state);
  requirePartners([payload.partnerId], activePartners);
  return [{ type: 'AppealRightsExplained', data: payload }];
}
