import type { Sealed } from '@ledger/security';
import { invalid, refuse } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { CustomerEvent, CustomerState } from '../customer';
import { requireCustomer } from '../customer-rules';

export type MergeCustomersPayload = { customerId: string; duplicateId: string; reason: string };

export class MergeCustomers extends LedgerCommand<MergeCustomersPayload> {}

/**
 * A merge is recorded on both streams and rewrites neither: the duplicate is marked merged into the
 * survivor, the survivor records what it absorbed, and views follow the survivor.
 */
export function decideMerge(
  survivor: CustomerState,
  duplicate: CustomerState,
  duplicateId: string,
  reason: Sealed,
): { survivor: CustomerEvent[]; duplicate: CustomerEvent[] } {
  const survivorId = requireCustomer(survivor);
  if (survivorId === duplicateId) throw invalid('duplicateId', 'a customer cannot be merged into itself');
  if (!duplicate.exists) throw refuse('CUSTOMER_NOT_FOUND', `customer ${duplicateId} does not exist`);
  requireCustomer(duplicate);
  return {
    duplicate: [{ type: 'CustomerMergedInto', data: { customerId: duplicateId, survivorId, reason } }],
    survivor: [{ type: 'CustomerMerged', data: { customerId: survivorId, duplicateId, reason } }],
  };
}

export function decideUndoMerge(
  survivor: CustomerState,
  duplicate: CustomerState,
  duplicateId: string,
  reason: Sealed,
): { survivor: CustomerEvent[]; duplicate: CustomerEvent[] } {
  const survivorId = requireCustomer(survivor);
  if (!survivor.merged.includes(duplicateId) || duplicate.mergedInto !== survivorId) {
    throw refuse('MERGE_NOT_FOUND', `customer ${duplicateId} is not merged into ${survivorId}`);
  }
  return {
    duplicate: [
      {
        type: 'CustomerMergeUndone',
        data: { customerId: duplicateId, otherId: survivorId, wasDuplicate: true, reason },
      },
    ],
    survivor: [
      {
        type: 'CustomerMergeUndone',
        data: { customerId: survivorId, otherId: duplicateId, wasDuplicate: false, reason },
      },
    ],
  };
}
