import { randomUUID } from 'node:crypto';
import type { ReadDatabase, ReadDatabaseTarget } from '@ledger/event-sourcing';
import { partnerCaseload, workerCaseload } from '../caseload';
import { referralBoard } from '../referral-board';
import { serviceIntegrationReport } from '../service-integration-report';
import { aCase, aPlan } from './casework-suite';
import { DVR, FEP, referral, W2 } from './referral-board-suite';
import { at, sealed, ViewWorld } from './view-world';

const NOW = at('2026-03-20T15:00:00Z');
const settings = { timeZone: 'America/Chicago', assessmentReuseDays: 90 };

/** The customer ids a worker's caseload names, by list. */
async function caseloadCustomers(database: ReadDatabase) {
  const caseload = await workerCaseload(database, { accountId: FEP, partnerId: W2 }, NOW);
  return {
    cases: caseload.cases.map((c) => c.customerId),
    referralsOut: caseload.referralsOut.map((r) => r.customerId),
    plansDueForReview: caseload.plansDueForReview.map((p) => p.customerId),
  };
}

const boardCustomers = async (database: ReadDatabase, customerId?: string) =>
  (await referralBoard(database, { customerId }, NOW.now)).items.map((i) => i.customerId);

export function mergesSuite(freshTarget: (dir: string) => Promise<ReadDatabaseTarget>) {
  describe('merged customers', () => {
    let world: ViewWorld;
    beforeEach(() => {
      world = new ViewWorld(freshTarget);
    });
    afterEach(() => world.close());

    const register = async (partnerId: string) => {
      const customerId = randomUUID();
      await world.record(
        `customer-${customerId}`,
        'CustomerRegistered',
        { customerId, registeredBy: FEP, personal: sealed(), clearance: { acknowledgedCandidateIds: [] } },
        { actor: { accountId: FEP, partnerId } },
      );
      return customerId;
    };
    const assess = (customerId: string, partnerId: string) => {
      const assessmentId = randomUUID();
      return world.record(`assessment-${assessmentId}`, 'AssessmentRecorded', {
        assessmentId,
        customerId,
        partnerId,
        kind: 'skills',
        instrument: 'x',
        performedAt: '2026-03-02T15:00:00Z',
        findings: sealed(),
        recordedBy: FEP,
      });
    };
    // As the write side records them (merge-customers.command.ts): the duplicate's stream first.
    const merge = async (survivor: string, duplicate: string) => {
      await world.record(`customer-${duplicate}`, 'CustomerMergedInto', {
        customerId: duplicate,
        survivorId: survivor,
        reason: sealed(),
      });
      await world.record(`customer-${survivor}`, 'CustomerMerged', {
        customerId: survivor,
        duplicateId: duplicate,
        reason: sealed(),
      });
    };
    const undo = async (survivor: string, duplicate: string) => {
      const undone = { reason: sealed() };
      await world.record(`customer-${duplicate}`, 'CustomerMergeUndone', {
        customerId: duplicate,
        otherId: survivor,
        wasDuplicate: true,
        ...undone,
      });
      await world.record(`customer-${survivor}`, 'CustomerMergeUndone', {
        customerId: survivor,
        otherId: duplicate,
        wasDuplicate: false,
        ...undone,
      });
    };

    it('names the survivor in caseloads, on the board and in the figures while merged, and the original once undone', async () => {
      const { database, runner } = await world.views();
      const survivor = await register(W2);
      const duplicate = await register(DVR);
      await aCase(world, { receivedAt: '2026-03-16T15:00:00Z', customerId: duplicate });
      await aPlan(world, { review: '2026-03-25', customerId: duplicate });
      const theirs = await referral(world, { at: '2026-03-10T15:00:00Z', customerId: duplicate });
      const ours = await referral(world, { at: '2026-03-11T15:00:00Z', customerId: survivor });
      await assess(survivor, W2);
      await assess(duplicate, DVR);
      await world.caughtUp(runner);
      const apart = {
        cases: [duplicate],
        referralsOut: [duplicate, survivor],
        plansDueForReview: [duplicate],
      };
      expect(await caseloadCustomers(database)).toEqual(apart);
      expect(await boardCustomers(database, survivor)).toEqual([survivor]);
      expect(await serviceIntegrationReport(database, {}, settings)).toMatchObject({
        customers: 2,
        assessmentsRepeated: 0,
      });

      await merge(survivor, duplicate);
      await world.caughtUp(runner);
      expect(await caseloadCustomers(database)).toEqual({
        cases: [survivor],
        referralsOut: [survivor, survivor],
        plansDueForReview: [survivor],
      });
      const partner = await partnerCaseload(database, W2, NOW);
      expect(partner.workers.flatMap((w) => w.cases.map((c) => c.customerId))).toEqual([survivor]);
      expect(await boardCustomers(database)).toEqual([survivor, survivor]);
      const board = await referralBoard(database, { customerId: survivor }, NOW.now);
      expect(board.items.map((i) => i.referralId)).toEqual([ours.referralId, theirs.referralId]);
      // Asked by the duplicate's id (from an older record), the board follows the merge too.
      expect(await boardCustomers(database, duplicate)).toEqual([survivor, survivor]);
      // Two partners assessed one person: a repeat the merge reveals.
      expect(await serviceIntegrationReport(database, {}, settings)).toMatchObject({
        customers: 1,
        assessmentsRepeated: 1,
      });

      await undo(survivor, duplicate);
      await world.caughtUp(runner);
      expect(await caseloadCustomers(database)).toEqual(apart);
      expect(await boardCustomers(database, survivor)).toEqual([survivor]);
      expect(await boardCustomers(database, duplicate)).toEqual([duplicate]);
      expect(await serviceIntegrationReport(database, {}, settings)).toMatchObject({
        customers: 2,
        assessmentsRepeated: 0,
      });
    });

    it('follows a chain of merges to its end, and a rebuild answers the same', async () => {
      const { database, runner } = await world.views();
      const [first, second, third] = [await register(W2), await register(W2), await register(W2)];
      // The merge comes before the duplicate's referral here: the name is resolved when asked, not when written.
      await merge(second, first);
      await referral(world, { at: '2026-03-10T15:00:00Z', customerId: first });
      await merge(third, second);
      await world.caughtUp(runner);
      expect(await boardCustomers(database, first)).toEqual([third]);
      await runner.rebuild('ledger_views');
      expect(await boardCustomers(database, third)).toEqual([third]);
      await undo(third, second);
      await world.caughtUp(runner);
      expect(await boardCustomers(database, third)).toEqual([]);
      expect(await boardCustomers(database, first)).toEqual([second]);
    });
  });
}
