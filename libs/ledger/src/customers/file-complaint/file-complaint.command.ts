import type { Sealed } from '@ledger/security';
import { LedgerCommand } from '../../shared/ledger-command';
import type { CustomerEvent, CustomerState } from '../customer';
import { requirePartners } from '../customer-facts';
import { requireCustomer } from '../customer-rules';

export type FileComplaintPayload = {
  customerId: string;
  complaintId: string;
  partnerId: string;
  subject: string;
  details: string;
};

export class FileComplaint extends LedgerCommand<FileComplaintPayload> {}

export function decideFileComplaint(
  {
    activePartners,
    ...payload
  }: Omit<FileComplaintPayload, 'subject' | 'details'> & {
    subject: Sealed;
    details: Sealed;
    activePartners: string[];
  },
  state: CustomerState,
): CustomerEvent[] {
  requireCustomer(state);
  requirePartners([payload.partnerId], activePartners);
  return [{ type: 'ComplaintFiled', data: payload }];
}
