import type { Sealed } from '@ledger/security';
import { LedgerCommand } from '../../shared/ledger-command';
import type { CustomerEvent, CustomerState } from '../customer';
import { requirePartners } from '../customer-facts';
import { requireCustomer } from '../customer-rules';

export type ReceiveFeedbackPayload = {
  customerId: string;
  feedbackId: string;
  partnerId: string;
  channel: string;
  rating?: number;
  comments?: string;
};

export class ReceiveFeedback extends LedgerCommand<ReceiveFeedbackPayload> {}

export function decideReceiveFeedback(
  {
    activePartners,
    comments,
    ...payload
  }: Omit<ReceiveFeedbackPayload, 'comments'> & {
    comments?: Sealed;
    activePartners: string[];
  },
  state: CustomerState,
): CustomerEvent[] {
  requireCustomer(state);
  requirePartners([payload.partnerId], activePartners);
  return [{ type: 'FeedbackReceived', data: comments ? { ...payload, comments } : payload }];
}
