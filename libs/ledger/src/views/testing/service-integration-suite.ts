import { randomUUID } from 'node:crypto';
import type { ReadDatabaseTarget } from '@ledger/event-sourcing';
import type { ServiceIntegrationTables } from '../service-integration';
import { serviceIntegrationReport } from '../service-integration-report';
import { aCase, aPlan } from './casework-suite';
import { COUNSELOR, DVR, FEP, referral, W2, WIOA } from './referral-board-suite';
import { sealed, ViewWorld } from './view-world';

const settings = { timeZone: 'America/Chicago', assessmentReuseDays: 90 };
const by = (partnerId: string) => ({ actor: { accountId: FEP, partnerId } });

export function serviceIntegrationSuite(freshTarget: (dir: string) => Promise<ReadDatabaseTarget>) {
  describe('service integration', () => {
    let world: ViewWorld;
    beforeEach(() => {
      world = new ViewWorld(freshTarget);
    });
    afterEach(() => world.close());

    const register = async (partnerId: string, occurredAt = '2026-03-02T15:00:00Z') => {
      const customerId = randomUUID();
      const data = {
        customerId,
        registeredBy: FEP,
        personal: sealed(),
        clearance: { acknowledgedCandidateIds: [] },
      };
      await world.record(`customer-${customerId}`, 'CustomerRegistered', data, {
        ...by(partnerId),
        occurredAt,
      });
      return customerId;
    };
    const assess = async (customerId: string, partnerId: string, kind: string, performedAt: string) => {
      const assessmentId = randomUUID();
      const data = {
        assessmentId,
        customerId,
        partnerId,
        kind,
        instrument: 'x',
        performedAt,
        findings: sealed(),
        recordedBy: FEP,
      };
      await world.record(`assessment-${assessmentId}`, 'AssessmentRecorded', data, by(partnerId));
      return assessmentId;
    };
    const voice = (customerId: string, type: string, data: object) =>
      world.record(`customer-${customerId}`, type, { customerId, ...data });

    it('measures common intake, reused and repeated assessments, closed loops, participation and the customer voice', async () => {
      const { database, runner } = await world.views();
      const shared = await register(W2);
      const merged = await register(W2);
      const duplicate = await register(DVR);
      const alone = await register(WIOA, '2026-04-02T15:00:00Z');
      await world.record(`customer-${merged}`, 'CustomerMerged', {
        customerId: merged,
        duplicateId: duplicate,
        reason: sealed(),
      });
      const { caseId } = await aCase(world, { receivedAt: '2026-03-02T15:00:00Z' });
      await world.record(`case-${caseId}`, 'CaseReassigned', { caseId, customerId: shared, accountId: FEP });
      await world.record(`case-${randomUUID()}`, 'ApplicationReceived', {
        caseId: randomUUID(),
        customerId: shared,
        partnerId: W2,
        program: 'w2',
        receivedAt: '2026-03-02T15:00:00Z',
      });
      await referral(
        world,
        { at: '2026-03-02T15:00:00Z', customerId: shared },
        ['ReferralAccepted', '2026-03-03T15:00:00Z', { acceptedBy: COUNSELOR }],
        ['ReferralOutcomeRecorded', '2026-03-04T15:00:00Z', { status: 'completed', outcome: 'got-help' }],
        ['ReferralClosed', '2026-03-05T15:00:00Z'],
      );
      await referral(
        world,
        { at: '2026-03-02T15:00:00Z', customerId: merged },
        ['ReferralAccepted', '2026-03-03T15:00:00Z', {}],
        ['ReferralOutcomeRecorded', '2026-03-04T15:00:00Z', { status: 'failed', outcome: 'no-capacity' }],
      );
      await referral(world, { at: '2026-03-02T15:00:00Z', customerId: merged }, [
        'ReferralRejected',
        '2026-03-03T15:00:00Z',
        {},
      ]);
      await referral(world, { at: '2026-03-02T15:00:00Z', customerId: merged }, [
        'ReferralCancelled',
        '2026-03-03T15:00:00Z',
        {},
      ]);
      await referral(world, { at: '2026-03-02T15:00:00Z', customerId: merged });

      const first = await assess(shared, W2, 'comprehensive', '2026-03-01T15:00:00Z');
      await assess(shared, DVR, 'comprehensive', '2026-03-10T15:00:00Z'); // a repeat
      await assess(shared, W2, 'skills', '2025-01-01T15:00:00Z');
      await assess(shared, DVR, 'skills', '2026-03-10T15:00:00Z'); // outside the 90-day window
      const superseded = await assess(shared, WIOA, 'barriers', '2026-03-01T15:00:00Z');
      await world.record(`assessment-${superseded}`, 'AssessmentSuperseded', {
        assessmentId: superseded,
        customerId: alone,
        reason: sealed(),
      });
      await assess(shared, W2, 'barriers', '2026-03-02T15:00:00Z'); // the earlier one was superseded
      await world.record(`assessment-${first}`, 'AssessmentShared', {
        assessmentId: first,
        customerId: shared,
        partnerId: DVR,
        consentId: randomUUID(),
      });

      await aPlan(world, { present: true });
      await aPlan(world, { present: true, partnerId: DVR });
      await aPlan(world, { present: false });
      await voice(shared, 'FeedbackReceived', {
        feedbackId: randomUUID(),
        partnerId: W2,
        channel: 'survey',
        rating: 5,
      });
      await voice(merged, 'FeedbackReceived', { feedbackId: randomUUID(), partnerId: DVR, channel: 'phone' });
      await voice(merged, 'ComplaintFiled', {
        complaintId: randomUUID(),
        partnerId: DVR,
        subject: sealed(),
        details: sealed(),
      });
      await voice(shared, 'AppealRightsExplained', { partnerId: W2, program: 'w2', method: 'in-person' });
      await voice(merged, 'AppealRightsExplained', {
        partnerId: DVR,
        program: 'vocational-rehabilitation',
        method: 'written',
      });
      await world.caughtUp(runner);

      const db = database.tables<ServiceIntegrationTables>();
      expect(
        await db
          .selectFrom('si_customers')
          .select(['customer_id', 'registered_partner', 'merged_into'])
          .orderBy('registered_at')
          .orderBy('customer_id')
          .execute(),
      ).toEqual(
        expect.arrayContaining([
          { customer_id: duplicate, registered_partner: DVR, merged_into: merged },
          { customer_id: alone, registered_partner: WIOA, merged_into: null },
        ]),
      );
      const assessed = await db
        .selectFrom('si_assessments')
        .selectAll()
        .where('assessment_id', '=', superseded)
        .executeTakeFirstOrThrow();
      expect(assessed).toMatchObject({
        customer_id: shared,
        partner_id: WIOA,
        kind: 'barriers',
        performed_at: '2026-03-01T15:00:00.000Z',
        superseded_at: expect.any(String),
      });
      const kinds = (await db.selectFrom('si_records').select('kind').execute()).map((r) => r.kind).sort();
      expect(kinds).toEqual([
        'appeal-rights',
        'appeal-rights',
        'assessment-share',
        'complaint',
        'feedback',
        'feedback',
      ]);

      expect(await serviceIntegrationReport(database, {}, settings)).toEqual({
        customers: 3,
        singleCommonIntakeShare: 0.5,
        assessmentsReused: 1,
        assessmentsRepeated: 1,
        referralCompletionRate: 0.3333,
        loopsClosedShare: 0.3333,
        plansWithCustomerParticipationShare: 0.6667,
        feedbackReceived: 2,
        complaintsReceived: 1,
        appealRightsExplained: 2,
      });
      expect(await serviceIntegrationReport(database, { partnerId: DVR }, settings)).toEqual({
        customers: 2,
        singleCommonIntakeShare: 0.5,
        assessmentsReused: 1,
        assessmentsRepeated: 1,
        referralCompletionRate: 0.3333,
        loopsClosedShare: 0.3333,
        plansWithCustomerParticipationShare: 1,
        feedbackReceived: 1,
        complaintsReceived: 1,
        appealRightsExplained: 1,
      });
      expect(await serviceIntegrationReport(database, { program: 'w2' }, settings)).toMatchObject({
        customers: 1,
        singleCommonIntakeShare: 1,
        referralCompletionRate: 1,
        appealRightsExplained: 1,
        complaintsReceived: 0,
      });
      expect(await serviceIntegrationReport(database, { from: '2026-04-01' }, settings)).toMatchObject({
        customers: 1,
        singleCommonIntakeShare: null,
      });

      await world.record(`customer-${merged}`, 'CustomerMergeUndone', {
        customerId: merged,
        otherId: duplicate,
        wasDuplicate: false,
        reason: sealed(),
      });
      await world.caughtUp(runner);
      expect(await serviceIntegrationReport(database, {}, settings)).toMatchObject({
        customers: 4,
        singleCommonIntakeShare: 1,
      });
    });
  });
}
