import type { ReadDatabase } from '@ledger/event-sourcing';
import type { ReferralStatus } from '../referrals/referral';
import { CLOSABLE_REFERRAL, referralRows } from './referral-board';
import { instantRange, percentile, type ReportFilter } from './shared/view-time';

const STATUSES: readonly ReferralStatus[] = [
  'requested',
  'accepted',
  'rejected',
  'in-progress',
  'completed',
  'failed',
  'cancelled',
];

export interface ReferralPairFigures {
  fromPartnerId: string;
  toPartnerId: string;
  referrals: number;
  byStatus: Record<string, number>;
  /** Hours from the referral to its acceptance, over the accepted ones. */
  timeToAccept: { measured: number; medianHours: number | null; p90Hours: number | null };
  outcomes: Record<string, number>;
  /** Rejections by their `reasonCode` (`unspecified` when none was given). */
  rejectionsByReason: Record<string, number>;
  /** Referrals that ended with an outcome for the sender to acknowledge (rejected, completed, failed)… */
  loopsToClose: number;
  /** …and of those, the ones the sender closed. */
  loopsClosed: number;
}

const HOUR_MS = 3_600_000;
const hours = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** GET /reports/referrals: closed-loop figures per (sender, receiver) pair of the referrals made in [from, to]. */
export async function referralReport(
  database: ReadDatabase,
  filter: Pick<ReportFilter, 'partnerId' | 'from' | 'to'>,
  timeZone: string,
): Promise<{ pairs: ReferralPairFigures[] }> {
  const rows = await referralRows(database, {
    partnerId: filter.partnerId,
    ...instantRange(filter, timeZone),
  });
  const pairs = new Map<string, ReferralPairFigures & { took: number[] }>();
  for (const row of rows) {
    const key = `${row.from_partner_id} ${row.to_partner_id}`;
    let pair = pairs.get(key);
    if (!pair) {
      pair = {
        fromPartnerId: row.from_partner_id,
        toPartnerId: row.to_partner_id,
        referrals: 0,
        byStatus: Object.fromEntries(STATUSES.map((status) => [status, 0])),
        timeToAccept: { measured: 0, medianHours: null, p90Hours: null },
        outcomes: {},
        rejectionsByReason: {},
        loopsToClose: 0,
        loopsClosed: 0,
        took: [],
      };
      pairs.set(key, pair);
    }
    pair.referrals++;
    pair.byStatus[row.status] = (pair.byStatus[row.status] ?? 0) + 1;
    if (row.accepted_at) pair.took.push((Date.parse(row.accepted_at) - Date.parse(row.made_at)) / HOUR_MS);
    if (row.outcome) pair.outcomes[row.outcome] = (pair.outcomes[row.outcome] ?? 0) + 1;
    if (row.status === 'rejected') {
      const reason = row.reason_code ?? 'unspecified';
      pair.rejectionsByReason[reason] = (pair.rejectionsByReason[reason] ?? 0) + 1;
    }
    if ((CLOSABLE_REFERRAL as readonly string[]).includes(row.status)) {
      pair.loopsToClose++;
      if (row.closed_at) pair.loopsClosed++;
    }
  }
  return {
    pairs: [...pairs.values()]
      .map(({ took, ...pair }) => {
        const sorted = took.sort((a, b) => a - b);
        const timeToAccept = {
          measured: sorted.length,
          medianHours: hours(percentile(sorted, 50)),
          p90Hours: hours(percentile(sorted, 90)),
        };
        return { ...pair, timeToAccept };
      })
      .sort(
        (a, b) =>
          a.fromPartnerId.localeCompare(b.fromPartnerId) || a.toPartnerId.localeCompare(b.toPartnerId),
      ),
  };
}
