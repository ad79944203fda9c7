import {
  defineProjection,
  type Page,
  pageOf,
  type ReadDatabase,
  type RecordedEvent,
} from '@ledger/event-sourcing';
import { BatchRows } from './shared/batch-rows';
import { actorOf, fieldsOf, occurredAt, streamId, text } from './shared/event-fields';
import { Survivors } from './shared/survivors';

export type ReferralRow = {
  referral_id: string;
  customer_id: string;
  from_partner_id: string;
  to_partner_id: string;
  service_id: string | null;
  consent_id: string | null;
  status: string;
  outcome: string | null;
  /** The rejection's `reasonCode`, when it gave one. */
  reason_code: string | null;
  made_at: string;
  /** The sender's worker (who made it) and the receiver's (who accepted it, or was assigned it since). */
  sender_worker: string | null;
  receiver_worker: string | null;
  accepted_at: string | null;
  /** When it reached rejected, completed, failed or cancelled. */
  ended_at: string | null;
  /** When the sender acknowledged the outcome (`ReferralClosed`): the loop is closed. */
  closed_at: string | null;
  /** 1 once the consent it relied on was revoked while it was open. */
  consent_revoked: number;
};

export type ReferralBoardTables = { referral_board: ReferralRow };

export const OPEN_REFERRAL = ['requested', 'accepted', 'in-progress'] as const;
/** Ended with an outcome the sender is to acknowledge by closing the loop. */
export const CLOSABLE_REFERRAL = ['rejected', 'completed', 'failed'] as const;

const MADE = 'ReferralMade';
const HANDLED = [
  MADE,
  'ReferralAccepted',
  'ReferralRejected',
  'ReferralStarted',
  'ReferralOutcomeRecorded',
  'ReferralClosed',
  'ReferralCancelled',
  'ReferralReassigned',
  'ConsentRevoked',
];

/** The referral board (domain.md): every referral's status and age, flagged when its consent was revoked. */
export const referralBoardProjection = defineProjection<ReferralBoardTables>({
  name: 'referral_board',
  // 2: an index on the customer, for the board's `customerId` filter.
  version: 2,
  handles: HANDLED,
  tables: {
    referral_board: (t) =>
      t
        .addColumn('referral_id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('from_partner_id', 'text', (c) => c.notNull())
        .addColumn('to_partner_id', 'text', (c) => c.notNull())
        .addColumn('service_id', 'text')
        .addColumn('consent_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text')
        .addColumn('reason_code', 'text')
        .addColumn('made_at', 'text', (c) => c.notNull())
        .addColumn('sender_worker', 'text')
        .addColumn('receiver_worker', 'text')
        .addColumn('accepted_at', 'text')
        .addColumn('ended_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('consent_revoked', 'integer', (c) => c.notNull()),
  },
  indexes: [
    { table: 'referral_board', columns: ['made_at', 'referral_id'] },
    { table: 'referral_board', columns: ['from_partner_id'] },
    { table: 'referral_board', columns: ['to_partner_id'] },
    { table: 'referral_board', columns: ['consent_id'] },
    { table: 'referral_board', columns: ['customer_id'] },
  ],
  async apply(events, trx, context) {
    const rows = new BatchRows<ReferralRow>('referral_board', 'referral_id');
    const revoked = new Set<string>();
    for (const event of events) {
      const consentId = event.type === 'ConsentRevoked' ? text(fieldsOf(event).consentId) : null;
      if (consentId) revoked.add(consentId);
    }
    // Referrals by the consent they rely on, for the revocations in this batch (made before or within it).
    const byConsent = new Map<string, string[]>();
    const relies = (row: ReferralRow) => {
      if (!row.consent_id || !revoked.has(row.consent_id)) return;
      byConsent.set(row.consent_id, [...(byConsent.get(row.consent_id) ?? []), row.referral_id]);
    };
    if (revoked.size > 0) for (const row of await rows.load(trx, 'consent_id', revoked)) relies(row);
    for (const event of events) fold(rows, event, byConsent, relies);
    await rows.save(trx, context);
  },
});

const referralIdOf = (event: RecordedEvent) => text(fieldsOf(event).referralId) ?? streamId(event);

function fold(
  rows: BatchRows<ReferralRow>,
  event: RecordedEvent,
  byConsent: ReadonlyMap<string, readonly string[]>,
  relies: (row: ReferralRow) => void,
): void {
  const data = fieldsOf(event);
  const at = occurredAt(event);
  const id = referralIdOf(event);
  switch (event.type) {
    case MADE: {
      const row: ReferralRow = {
        referral_id: id,
        customer_id: text(data.customerId) ?? '',
        from_partner_id: text(data.fromPartnerId) ?? '',
        to_partner_id: text(data.toPartnerId) ?? '',
        service_id: text(data.serviceId),
        consent_id: text(data.consentId),
        status: 'requested',
        outcome: null,
        reason_code: null,
        made_at: at,
        sender_worker: text(data.madeBy) ?? actorOf(event).accountId,
        receiver_worker: null,
        accepted_at: null,
        ended_at: null,
        closed_at: null,
        consent_revoked: 0,
      };
      rows.put(row);
      relies(row);
      return;
    }
    case 'ReferralAccepted':
      rows.update(id, {
        status: 'accepted',
        accepted_at: at,
        receiver_worker: text(data.acceptedBy) ?? actorOf(event).accountId,
      });
      return;
    case 'ReferralRejected':
      rows.update(id, { status: 'rejected', ended_at: at, reason_code: text(data.reasonCode) });
      return;
    case 'ReferralStarted':
      rows.update(id, { status: 'in-progress' });
      return;
    case 'ReferralOutcomeRecorded':
      rows.update(id, {
        status: text(data.status) ?? 'completed',
        outcome: text(data.outcome),
        ended_at: at,
      });
      return;
    case 'ReferralClosed':
      rows.update(id, { closed_at: at });
      return;
    case 'ReferralCancelled':
      rows.update(id, { status: 'cancelled', ended_at: at });
      return;
    case 'ReferralReassigned':
      rows.update(id, { receiver_worker: text(data.accountId) });
      return;
    case 'ConsentRevoked':
      for (const referralId of byConsent.get(text(data.consentId) ?? '') ?? []) {
        const open = (OPEN_REFERRAL as readonly string[]).includes(rows.get(referralId)?.status ?? '');
        if (open) rows.update(referralId, { consent_revoked: 1 });
      }
  }
}

export interface ReferralBoardItem {
  referralId: string;
  customerId: string;
  fromPartnerId: string;
  toPartnerId: string;
  serviceId: string | null;
  status: string;
  outcome: string | null;
  madeAt: string;
  acceptedAt: string | null;
  closedAt: string | null;
  ageDays: number;
  flags: string[];
}

export interface ReferralBoardQuery {
  /** One customer's referrals, those of the duplicates merged into them included. */
  customerId?: string;
  status?: string;
  fromPartnerId?: string;
  toPartnerId?: string;
  /** Either side. */
  partnerId?: string;
  /** Made more than this many days (of 24 hours) before `now`. */
  olderThanDays?: number;
  /** A caseworker's scope: only referrals its partner sent or received. */
  visibleTo?: string;
  limit?: number;
  cursor?: string;
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `now`. */
export const ageInDays = (from: string, now: Date) =>
  Math.max(0, Math.floor((now.getTime() - Date.parse(from)) / DAY_MS));

/**
 * The board (api.md `GET /referrals`): newest first. A merged duplicate's referrals name its survivor,
 * and asking for a customer (or for a duplicate merged into them) lists theirs and their duplicates'.
 */
export async function referralBoard(
  database: ReadDatabase,
  query: ReferralBoardQuery,
  now: Date,
): Promise<Page<ReferralBoardItem>> {
  const survivors = await Survivors.load(database);
  let select = database.tables<ReferralBoardTables>().selectFrom('referral_board').selectAll();
  if (query.customerId) select = select.where('customer_id', 'in', survivors.sameCustomer(query.customerId));
  if (query.status) select = select.where('status', '=', query.status);
  if (query.fromPartnerId) select = select.where('from_partner_id', '=', query.fromPartnerId);
  if (query.toPartnerId) select = select.where('to_partner_id', '=', query.toPartnerId);
  for (const partner of [query.partnerId, query.visibleTo]) {
    if (partner)
      select = select.where((eb) =>
        eb.or([eb('from_partner_id', '=', partner), eb('to_partner_id', '=', partner)]),
      );
  }
  if (query.olderThanDays !== undefined) {
    const cutoff = new Date(now.getTime() - query.olderThanDays * DAY_MS).toISOString();
    select = select.where('made_at', '<', cutoff);
  }
  const page = await pageOf(select, [{ field: 'made_at', direction: 'desc' }, { field: 'referral_id' }], {
    limit: query.limit,
    cursor: query.cursor,
  });
  return { ...page, items: page.items.map((row) => boardItem(row, now, survivors)) };
}

export function boardItem(row: ReferralRow, now: Date, survivors: Survivors): ReferralBoardItem {
  return {
    referralId: row.referral_id,
    customerId: survivors.of(row.customer_id),
    fromPartnerId: row.from_partner_id,
    toPartnerId: row.to_partner_id,
    serviceId: row.service_id,
    status: row.status,
    outcome: row.outcome,
    madeAt: row.made_at,
    acceptedAt: row.accepted_at,
    closedAt: row.closed_at,
    ageDays: ageInDays(row.made_at, now),
    flags: Number(row.consent_revoked) === 1 ? ['CONSENT_REVOKED'] : [],
  };
}

/** Referrals matching a report's filters: one side is `partnerId`, made within [from, to). */
export function referralRows(
  database: ReadDatabase,
  filter: { partnerId?: string; from?: string; to?: string },
) {
  let select = database.tables<ReferralBoardTables>().selectFrom('referral_board').selectAll();
  const { partnerId, from, to } = filter;
  if (partnerId)
    select = select.where((eb) =>
      eb.or([eb('from_partner_id', '=', partnerId), eb('to_partner_id', '=', partnerId)]),
    );
  if (from) select = select.where('made_at', '>=', from);
  if (to) select = select.where('made_at', '<', to);
  return select.orderBy('made_at').orderBy('referral_id').execute();
}
