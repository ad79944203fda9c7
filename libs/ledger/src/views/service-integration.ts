import { defineProjection } from '@ledger/event-sourcing';
import { BatchRows } from './shared/batch-rows';
import { actorOf, fieldsOf, instant, occurredAt, streamId, text } from './shared/event-fields';

/**
 * What the service-integration figures need beyond cases, plans and referrals (read from the casework and
 * referral-board tables): customers and their registrations, assessments with their dates, and the
 * customer-voice and involvement records. Ids and dates only: nothing sealed is ever opened.
 */
export type SiCustomerRow = {
  customer_id: string;
  registered_at: string;
  /** The registering actor's partner. */
  registered_partner: string | null;
  /** Set while this customer is a duplicate merged into another (the survivor). */
  merged_into: string | null;
};

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

/** One assessment share, feedback, complaint, appeal-rights explanation or child-welfare involvement. */
export type SiRecordRow = {
  record_id: string;
  kind: 'assessment-share' | 'feedback' | 'complaint' | 'appeal-rights' | 'involvement';
  customer_id: string;
  partner_id: string | null;
  program: string | null;
  at: string;
};

export type ServiceIntegrationTables = {
  si_customers: SiCustomerRow;
  si_assessments: SiAssessmentRow;
  si_records: SiRecordRow;
};

const RECORDS: Record<string, SiRecordRow['kind']> = {
  AssessmentShared: 'assessment-share',
  FeedbackReceived: 'feedback',
  ComplaintFiled: 'complaint',
  AppealRightsExplained: 'appeal-rights',
  ChildWelfareInvolvementRecorded: 'involvement',
};

const MERGES = ['CustomerMerged', 'CustomerMergeUndone'];

export const serviceIntegrationProjection = defineProjection<ServiceIntegrationTables>({
  name: 'service_integration',
  // 2: an undone merge read as recorded (`otherId`, `wasDuplicate`); merges found by an index.
  version: 2,
  handles: [
    ...Object.keys(RECORDS),
    ...MERGES,
    'CustomerRegistered',
    'AssessmentRecorded',
    'AssessmentSuperseded',
  ],
  tables: {
    si_customers: (t) =>
      t
        .addColumn('customer_id', 'text', (c) => c.primaryKey())
        .addColumn('registered_at', 'text', (c) => c.notNull())
        .addColumn('registered_partner', 'text')
        .addColumn('merged_into', 'text'),
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
  // Every view query looks up the merges in effect (shared/survivors.ts).
  indexes: [{ table: 'si_customers', columns: ['merged_into'], onlySet: true }],
  async apply(events, trx, context) {
    const customers = new BatchRows<SiCustomerRow>('si_customers', 'customer_id');
    const assessments = new BatchRows<SiAssessmentRow>('si_assessments', 'assessment_id');
    const records = new BatchRows<SiRecordRow>('si_records', 'record_id');
    for (const event of events) {
      const data = fieldsOf(event);
      const customerId = text(data.customerId);
      if (!customerId) continue;
      const at = occurredAt(event);
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
          // Recorded on both streams; either one ends the merge (the duplicate's is written first).
          customers.update(data.wasDuplicate === true ? customerId : text(data.otherId), {
            merged_into: null,
          });
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
  },
});
