import { randomUUID } from 'node:crypto';
import type { ReadDatabaseTarget } from '@ledger/event-sourcing';
import { partnerCaseload, workerCaseload } from '../caseload';
import type { CaseworkTables } from '../casework';
import { COUNSELOR, DVR, FEP, referral, W2 } from './referral-board-suite';
import { at, sealed, ViewWorld } from './view-world';

/** Records a case's application and later steps; returns its id and the events' positions. */
export async function aCase(
  world: ViewWorld,
  application: {
    program?: string;
    receivedAt: string;
    partnerId?: string;
    assignedTo?: string;
    customerId?: string;
  },
  ...steps: [type: string, data: object][]
) {
  const caseId = randomUUID();
  const customerId = application.customerId ?? randomUUID();
  const ids = { caseId, customerId };
  const stream = `case-${caseId}`;
  await world.record(stream, 'ApplicationReceived', {
    ...ids,
    partnerId: application.partnerId ?? W2,
    program: application.program ?? 'w2',
    receivedAt: application.receivedAt,
    channel: 'in-person',
    assignedTo: application.assignedTo ?? FEP,
  });
  for (const [type, data] of steps) await world.record(stream, type, { ...ids, ...data });
  return { ...ids, stream };
}

export const eventIdOf = async (world: ViewWorld, stream: string, type: string, nth = 0) =>
  (await world.store.readStream(stream)).filter((e) => e.type === type)[nth].eventId;

export async function aPlan(
  world: ViewWorld,
  plan: { partnerId?: string; createdBy?: string; present?: boolean; review?: string; customerId?: string },
) {
  const planId = randomUUID();
  const customerId = plan.customerId ?? randomUUID();
  await world.record(`plan-${planId}`, 'PlanCreated', {
    planId,
    customerId,
    partnerId: plan.partnerId ?? W2,
    kind: 'employability-plan',
    createdBy: plan.createdBy ?? FEP,
    goals: sealed(),
    customerParticipation: { present: plan.present ?? true, customerGoals: sealed() },
  });
  if (plan.review)
    await world.record(`plan-${planId}`, 'PlanReviewed', {
      planId,
      customerId,
      notes: sealed(),
      nextReviewDue: plan.review,
    });
  return { planId, customerId };
}

export function caseworkSuite(freshTarget: (dir: string) => Promise<ReadDatabaseTarget>) {
  describe('casework and caseloads', () => {
    let world: ViewWorld;
    beforeEach(() => {
      world = new ViewWorld(freshTarget);
    });
    afterEach(() => world.close());

    it('keeps each case step with its time, as corrected, and who it is assigned to', async () => {
      const { database, runner } = await world.views();
      const { caseId, stream } = await aCase(
        world,
        { receivedAt: '2026-03-02T09:00:00-06:00' },
        ['InterviewScheduled', { scheduledFor: '2026-03-05T15:00:00Z' }],
        ['InterviewScheduled', { scheduledFor: '2026-03-06T15:00:00Z' }],
        ['EligibilityDetermined', { eligible: true, decidedAt: '2026-03-10T15:00:00Z', reasons: sealed() }],
        ['CaseReassigned', { accountId: COUNSELOR }],
      );
      const received = await eventIdOf(world, stream, 'ApplicationReceived');
      const firstInterview = await eventIdOf(world, stream, 'InterviewScheduled', 0);
      const secondInterview = await eventIdOf(world, stream, 'InterviewScheduled', 1);
      const correct = (eventId: string, field: string, value: string) =>
        world.record(stream, 'CaseStepCorrected', {
          caseId,
          customerId: 'c',
          eventId,
          field,
          value,
          reason: sealed(),
        });
      await correct(received, 'receivedAt', '2026-03-01T15:00:00Z');
      await correct(firstInterview, 'scheduledFor', '2026-01-01T15:00:00Z'); // rescheduled since: no effect
      await correct(secondInterview, 'scheduledFor', '2026-03-07T15:00:00Z');
      await correct(received, 'channel', 'phone');
      await world.caughtUp(runner);

      const row = await database
        .tables<CaseworkTables>()
        .selectFrom('casework_cases')
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        case_id: caseId,
        partner_id: W2,
        program: 'w2',
        step: 'eligible',
        eligible: 1,
        assigned_to: COUNSELOR,
        received_at: '2026-03-01T15:00:00.000Z',
        interview_at: '2026-03-07T15:00:00.000Z',
        decided_at: '2026-03-10T15:00:00.000Z',
        enrolled_at: null,
        interview_event: secondInterview,
      });
    });

    it("answers a worker's caseload: open cases with deadlines, referrals both ways, reviews, items, overdue", async () => {
      const { database, runner } = await world.views();
      const fresh = await aCase(world, { receivedAt: '2026-03-02T15:00:00Z' });
      // Received on Washington's Birthday: working day 1 is Tuesday 17 February, day 5 Monday 23.
      const late = await aCase(world, { receivedAt: '2026-02-16T15:00:00Z' });
      const wioa = await aCase(world, { program: 'wioa-adult', receivedAt: '2026-03-02T15:00:00Z' }, [
        'EligibilityDetermined',
        { eligible: true, decidedAt: '2026-03-03T15:00:00Z', reasons: sealed() },
      ]);
      await aCase(world, { receivedAt: '2026-03-02T15:00:00Z' }, [
        'ProgramExited',
        { exitedAt: '2026-03-03T15:00:00Z', reason: sealed() },
      ]);
      await aCase(world, { receivedAt: '2026-03-02T15:00:00Z', assignedTo: randomUUID() });
      const out = await referral(world, { at: '2026-03-01T15:00:00Z' });
      const answered = await referral(world, { at: '2026-03-01T16:00:00Z' }, [
        'ReferralRejected',
        '2026-03-02T15:00:00Z',
        {},
      ]);
      await referral(
        world,
        { at: '2026-03-01T15:00:00Z' },
        ['ReferralRejected', '2026-03-02T15:00:00Z', {}],
        ['ReferralClosed', '2026-03-03T15:00:00Z'],
      );
      const incoming = await referral(world, { at: '2026-03-04T15:00:00Z', from: DVR, to: W2 }, [
        'ReferralAccepted',
        '2026-03-05T15:00:00Z',
        { acceptedBy: FEP },
      ]);
      const unassigned = await referral(world, { at: '2026-03-04T15:00:00Z', from: DVR, to: W2 });
      const due = await aPlan(world, { review: '2026-03-20' });
      const overdueReview = await aPlan(world, { review: '2026-03-01' });
      await aPlan(world, { review: '2026-06-01' });
      const closed = await aPlan(world, { review: '2026-03-01' });
      await world.record(`plan-${closed.planId}`, 'PlanClosed', { ...closed, reason: sealed() });
      const item = randomUUID();
      const done = randomUUID();
      await world.record(`plan-${due.planId}`, 'ActionItemCreated', {
        ...due,
        itemId: item,
        assignee: 'participant',
        description: sealed(),
        dueDate: '2026-03-05',
      });
      await world.record(`plan-${due.planId}`, 'ActionItemCreated', {
        ...due,
        itemId: done,
        assignee: 'worker',
        description: sealed(),
        dueDate: '2026-03-05',
      });
      await world.record(`plan-${due.planId}`, 'ActionItemCompleted', { ...due, itemId: done });
      await world.caughtUp(runner);

      const caseload = await workerCaseload(
        database,
        { accountId: FEP, partnerId: W2 },
        at('2026-03-06T15:00:00Z'),
      );
      expect(caseload).toEqual({
        accountId: FEP,
        cases: [
          {
            caseId: late.caseId,
            customerId: late.customerId,
            customerName: null,
            program: 'w2',
            step: 'applied',
            nextDeadline: '2026-02-23',
          },
          {
            caseId: fresh.caseId,
            customerId: fresh.customerId,
            customerName: null,
            program: 'w2',
            step: 'applied',
            nextDeadline: '2026-03-09',
          },
          {
            caseId: wioa.caseId,
            customerId: wioa.customerId,
            customerName: null,
            program: 'wioa-adult',
            step: 'eligible',
            nextDeadline: '2026-04-17',
          },
        ],
        referralsIn: [
          {
            referralId: incoming.referralId,
            customerId: incoming.customerId,
            fromPartnerId: DVR,
            toPartnerId: W2,
            status: 'accepted',
            ageDays: 2,
          },
        ],
        referralsOut: [
          {
            referralId: out.referralId,
            customerId: out.customerId,
            toPartnerId: DVR,
            fromPartnerId: W2,
            status: 'requested',
            ageDays: 5,
          },
          {
            referralId: answered.referralId,
            customerId: answered.customerId,
            toPartnerId: DVR,
            fromPartnerId: W2,
            status: 'rejected',
            ageDays: 4,
          },
        ],
        plansDueForReview: [
          { planId: overdueReview.planId, customerId: overdueReview.customerId, nextReviewDue: '2026-03-01' },
          { planId: due.planId, customerId: due.customerId, nextReviewDue: '2026-03-20' },
        ],
        actionItems: [{ planId: due.planId, itemId: item, assignee: 'participant', dueDate: '2026-03-05' }],
        overdue: [
          { kind: 'case-step', id: late.caseId, dueDate: '2026-02-23' },
          { kind: 'plan-review', id: overdueReview.planId, dueDate: '2026-03-01' },
          { kind: 'action-item', id: item, dueDate: '2026-03-05' },
        ],
      });

      const partner = await partnerCaseload(database, W2, at('2026-03-06T15:00:00Z'));
      expect(partner.workers.map((w) => w.accountId)).toHaveLength(2);
      expect(partner.workers.find((w) => w.accountId === FEP)).toEqual(caseload);
      expect(partner.unassigned.referralsIn).toEqual([
        expect.objectContaining({ referralId: unassigned.referralId, status: 'requested' }),
      ]);
      expect((await partnerCaseload(database, DVR, at('2026-03-06T15:00:00Z'))).workers).toEqual([
        expect.objectContaining({
          accountId: FEP,
          referralsOut: expect.arrayContaining([
            expect.objectContaining({ referralId: incoming.referralId, status: 'accepted' }),
            expect.objectContaining({ referralId: unassigned.referralId, status: 'requested' }),
          ]),
        }),
      ]);
    });
  });
}
