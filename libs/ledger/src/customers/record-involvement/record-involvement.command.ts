import type { Sealed } from '@ledger/security';
import { LedgerCommand } from '../../shared/ledger-command';
import type { CustomerEvent, CustomerState } from '../customer';
import { requirePartners } from '../customer-facts';
import { requireCustomer } from '../customer-rules';

export type RecordInvolvementPayload = {
  customerId: string;
  involvementId: string;
  partnerId: string;
  startedAt: string;
  caseReference?: string;
};

export class RecordInvolvement extends LedgerCommand<RecordInvolvementPayload> {}

export function decideRecordInvolvement(
  {
    activePartners,
    caseReference,
    ...payload
  }: Omit<RecordInvolvementPayload, 'caseReference'> & {
    caseReference?: Sealed;
    activePartners: string[];
  },
  state: CustomerState,
): CustomerEvent[] {
  requireCustomer(state);
  requirePartners([payload.partnerId], activePartners);
  if (state.involvements[payload.involvementId]) return [];
  return [
    {
      type: 'ChildWelfareInvolvementRecorded',
      data: caseReference ? { ...payload, caseReference } : payload,
    },
  ];
}
