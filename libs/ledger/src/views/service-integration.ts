import { defineProjection, inChunks, type RecordedEvent } from '@ledger/event-sourcing';
import { BatchRows } from './shared/batch-rows';
import { actorOf, fieldsOf, instant, occurredAt, streamId, text } from './shared/event-fields';

/**
 * What the service-integration figures need beyond cases, plans and referrals (read from the casework and
 * referral-board tables): customers and their registrations, which partners serve each, assessments with
 * their dates, and the customer-voice records. Ids and dates only: nothing sealed is ever opened.
 */
export type SiCustomerRow = {
  customer_id: string;
  registered_at: string;
  /** The registering actor's partner. */
  registered_partner: string | null;
  /** Set while this customer is a duplicate merged into another (the survivor). */
  merged_into: string | null;
};

/** A partner serves a customer from the first time it registers them or records something for them. */
export type SiServedRow = { customer_id: string; partner_id: string; first_at: string };

export type SiAssessmentRow = {
  assessment_id: string;
  customer_id: string;
  partner_id: string;
  kind: string;
  performed_at: string | null;
  /** The ledger's time of recording: what "earlier" means for a repeat. */
  recorded_at: string;
  superseded_at: string | null;
};

/** One assessment share, feedback, complaint or appeal-rights explanation. */
export type SiRecordRow = {
  record_id: string;
  kind: 'assessment-share' | 'feedback' | 'complaint' | 'appeal-rights';
  customer_id: string;
  partner_id: string | null;
  program: string | null;
  at: string;
};

export type ServiceIntegrationTables = {
  si_customers: SiCustomerRow;
  si_served: SiServedRow;
  si_assessments: SiAssessmentRow;
  si_records: SiRecordRow;
};

const RECORDS: Record<string, SiRecordRow['kind']> = {
  AssessmentShared: 'assessment-share',
  FeedbackReceived: 'feedback',
  ComplaintFiled: 'complaint',
  AppealRightsExplained: 'appeal-rights',
};

/** Events that make their partner one serving the customer (security.md "Scope"), with where the partner is. */
const SERVING: Record<string, (data: Record<string, unknown>, event: RecordedEvent) => string | null> = {
  CustomerRegistered: (_d, e) => actorOf(e).partnerId,
  ApplicationReceived: (d) => text(d.partnerId),
  AssessmentRecorded: (d) => text(d.partnerId),
  PlanCreated: (d) => text(d.partnerId),
  ChildWelfareInvolvementRecorded: (d) => text(d.partnerId),
  ReferralMade: (d) => text(d.fromPartnerId),
  // The receiver serves the customer once it accepts; its worker is the actor.
  ReferralAccepted: (_d, e) => actorOf(e).partnerId,
};

const MERGES = ['CustomerMerged', 'CustomerMergeUndone'];

export const serviceIntegrationProjection = defineProjection<ServiceIntegrationTables>({
  name: 'service_integration',
  version: 1,
  handles: [
    ...new Set([...Object.keys(RECORDS), ...Object.keys(SERVING), ...MERGES, 'AssessmentSuperseded']),
  ],
  tables: {
    si_customers: (t) =>
      t
        .addColumn('customer_id', 'text', (c) => c.primaryKey())
        .addColumn('registered_at', 'text', (c) => c.notNull())
        .addColumn('registered_partner', 'text')
        .addColumn('merged_into', 'text'),
    si_served: (t) =>
      t
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('partner_id', 'text', (c) => c.notNull())
        .addColumn('first_at', 'text', (c) => c.notNull()),
    si_assessments: (t) =>
      t
        .addColumn('assessment_id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('partner_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('performed_at', 'text')
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('superseded_at', 'text'),
    si_records: (t) =>
      t
        .addColumn('record_id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('partner_id', 'text')
        .addColumn('program', 'text')
        .addColumn('at', 'text', (c) => c.notNull()),
  },
  // A unique index, not a named key constraint: its name carries the generation, so rebuilds never clash.
  indexes: [{ table: 'si_served', columns: ['customer_id', 'partner_id'], unique: true }],
  async apply(events, trx, context) {
    const customers = new BatchRows<SiCustomerRow>('si_customers', 'customer_id');
    const assessments = new BatchRows<SiAssessmentRow>('si_assessments', 'assessment_id');
    const records = new BatchRows<SiRecordRow>('si_records', 'record_id');
    const served = new Map<string, SiServedRow>();
    for (const event of events) {
      const data = fieldsOf(event);
      if (MERGES.includes(event.type)) customers.want(text(data.duplicateId));
      if (event.type === 'AssessmentSuperseded') assessments.want(text(data.assessmentId) ?? streamId(event));
    }
    await customers.load(trx);
    await assessments.load(trx);
    for (const event of events) {
      const data = fieldsOf(event);
      const customerId = text(data.customerId);
      if (!customerId) continue;
      const at = occurredAt(event);
      const partnerId = SERVING[event.type]?.(data, event);
      const key = `${customerId} ${partnerId}`;
      if (partnerId && !served.has(key))
        served.set(key, { customer_id: customerId, partner_id: partnerId, first_at: at });
      const kind = RECORDS[event.type];
      if (kind) {
        const program = text(data.program);
        records.put({
          record_id: event.eventId,
          kind,
          customer_id: customerId,
          partner_id: text(data.partnerId),
          program,
          at,
        });
      }
      switch (event.type) {
        case 'CustomerRegistered':
          customers.put({
            customer_id: customerId,
            registered_at: at,
            registered_partner: actorOf(event).partnerId,
            merged_into: null,
          });
          break;
        case 'CustomerMerged':
          customers.update(text(data.duplicateId), { merged_into: customerId });
          break;
        case 'CustomerMergeUndone':
          customers.update(text(data.duplicateId), { merged_into: null });
          break;
        case 'AssessmentRecorded':
          assessments.put({
            assessment_id: text(data.assessmentId) ?? streamId(event),
            customer_id: customerId,
            partner_id: text(data.partnerId) ?? '',
            kind: text(data.kind) ?? '',
            performed_at: instant(data.performedAt),
            recorded_at: event.metadata.recordedAt,
            superseded_at: null,
          });
          break;
        case 'AssessmentSuperseded':
          assessments.update(text(data.assessmentId) ?? streamId(event), {
            superseded_at: event.metadata.recordedAt,
          });
      }
    }
    await customers.save(trx, context);
    await assessments.save(trx, context);
    await records.save(trx, context);
    // The first time a partner serves a customer stays: later events change nothing.
    for (const chunk of inChunks([...served.values()], 500)) {
      await trx
        .insertInto('si_served')
        .values(chunk)
        .onConflict((oc) => oc.columns(['customer_id', 'partner_id']).doNothing())
        .execute();
    }
  },
});
