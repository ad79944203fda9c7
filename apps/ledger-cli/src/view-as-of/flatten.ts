import type { CaseloadItems } from '@ledger/ledger';

/** A document's nested figures as columns of one row (`byStatus.requested`, `timeToAccept.p90Hours`). */
export function flatten(value: object, prefix = ''): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== null && typeof field === 'object' && !Array.isArray(field))
      Object.assign(row, flatten(field, `${prefix}${key}.`));
    else row[`${prefix}${key}`] = field;
  }
  return row;
}

const LISTS = [
  'cases',
  'referralsIn',
  'referralsOut',
  'plansDueForReview',
  'actionItems',
  'overdue',
] as const;

/**
 * Caseloads (documents) as rows: one per item, naming the worker (empty: nobody is assigned) and the
 * list it is on; an item on two lists (a case, and the same case overdue) is two rows.
 */
export function caseloadRows(caseloads: ({ accountId: string | null } & CaseloadItems)[]) {
  return caseloads.flatMap((caseload) =>
    LISTS.flatMap((list) =>
      (caseload[list] as object[]).map((item) => ({ accountId: caseload.accountId, list, ...item })),
    ),
  );
}
