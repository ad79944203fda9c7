import { randomUUID } from 'node:crypto';
import type { ReadDatabaseTarget } from '@ledger/event-sourcing';
import { type ReferralBoardTables, referralBoard } from '../referral-board';
import { referralReport } from '../referral-report';
import { sealed, ViewWorld } from './view-world';

export const [W2, DVR, WIOA] = [randomUUID(), randomUUID(), randomUUID()];
export const [FEP, COUNSELOR, OTHER_COUNSELOR] = [randomUUID(), randomUUID(), randomUUID()];

/** Records a referral's events; `steps` in order, each at its own business time. */
export async function referral(
  world: ViewWorld,
  made: { at: string; from?: string; to?: string; consentId?: string; customerId?: string },
  ...steps: [type: string, at: string, data?: object][]
) {
  const referralId = randomUUID();
  const customerId = made.customerId ?? randomUUID();
  const stream = `referral-${referralId}`;
  const ids = { referralId, customerId };
  await world.record(
    stream,
    'ReferralMade',
    {
      ...ids,
      fromPartnerId: made.from ?? W2,
      toPartnerId: made.to ?? DVR,
      reason: sealed(),
      individualizedDetermination: sealed(),
      consentId: made.consentId ?? randomUUID(),
      sharedCategories: ['identity'],
      agreementId: randomUUID(),
      madeBy: FEP,
    },
    { occurredAt: made.at, actor: { accountId: FEP, partnerId: made.from ?? W2 } },
  );
  for (const [type, at, data] of steps) {
    const actor = { accountId: COUNSELOR, partnerId: made.to ?? DVR };
    await world.record(stream, type, { ...ids, ...data }, { occurredAt: at, actor });
  }
  return ids;
}

export function referralBoardSuite(freshTarget: (dir: string) => Promise<ReadDatabaseTarget>) {
  describe('the referral board', () => {
    let world: ViewWorld;
    beforeEach(() => {
      world = new ViewWorld(freshTarget);
    });
    afterEach(() => world.close());

    it('follows each referral through its lifecycle, with who holds it on each side', async () => {
      const { database, runner } = await world.views();
      const done = await referral(
        world,
        { at: '2026-03-02T15:00:00Z' },
        ['ReferralAccepted', '2026-03-03T15:00:00Z', { acceptedBy: COUNSELOR }],
        ['ReferralStarted', '2026-03-04T15:00:00Z'],
        ['ReferralReassigned', '2026-03-05T15:00:00Z', { accountId: OTHER_COUNSELOR }],
        [
          'ReferralOutcomeRecorded',
          '2026-03-20T15:00:00-05:00',
          { status: 'completed', outcome: 'got-help' },
        ],
        ['ReferralClosed', '2026-03-21T15:00:00Z'],
      );
      const rejected = await referral(world, { at: '2026-03-02T16:00:00Z' }, [
        'ReferralRejected',
        '2026-03-03T16:00:00Z',
        { reasonCode: 'no-capacity', reason: sealed() },
      ]);
      await world.caughtUp(runner);
      const rows = await database
        .tables<ReferralBoardTables>()
        .selectFrom('referral_board')
        .selectAll()
        .orderBy('made_at')
        .execute();
      expect(rows).toEqual([
        {
          referral_id: done.referralId,
          customer_id: done.customerId,
          from_partner_id: W2,
          to_partner_id: DVR,
          service_id: null,
          consent_id: expect.any(String),
          status: 'completed',
          outcome: 'got-help',
          reason_code: null,
          made_at: '2026-03-02T15:00:00.000Z',
          sender_worker: FEP,
          receiver_worker: OTHER_COUNSELOR,
          accepted_at: '2026-03-03T15:00:00.000Z',
          ended_at: '2026-03-20T20:00:00.000Z',
          closed_at: '2026-03-21T15:00:00.000Z',
          consent_revoked: 0,
        },
        expect.objectContaining({
          referral_id: rejected.referralId,
          status: 'rejected',
          reason_code: 'no-capacity',
          ended_at: '2026-03-03T16:00:00.000Z',
          receiver_worker: null,
          closed_at: null,
        }),
      ]);
    });

    it('flags the open referrals whose consent is revoked, and only those', async () => {
      const { database, runner } = await world.views();
      const consentId = randomUUID();
      const customerId = randomUUID();
      const open = await referral(world, { at: '2026-03-02T15:00:00Z', consentId, customerId });
      const accepted = await referral(world, { at: '2026-03-02T15:00:00Z', consentId, customerId }, [
        'ReferralAccepted',
        '2026-03-03T15:00:00Z',
        { acceptedBy: COUNSELOR },
      ]);
      const ended = await referral(world, { at: '2026-03-02T15:00:00Z', consentId, customerId }, [
        'ReferralCancelled',
        '2026-03-03T15:00:00Z',
        { reason: sealed() },
      ]);
      const otherConsent = await referral(world, { at: '2026-03-02T15:00:00Z', customerId });
      await world.record(`customer-${customerId}`, 'ConsentRevoked', {
        customerId,
        consentId,
        reason: sealed(),
      });
      await world.record(`referral-${accepted.referralId}`, 'ReferralStarted', accepted);
      await world.caughtUp(runner);

      const page = await referralBoard(database, {}, new Date('2026-03-10T15:00:00Z'));
      const flags = Object.fromEntries(page.items.map((item) => [item.referralId, item.flags]));
      expect(flags).toEqual({
        [open.referralId]: ['CONSENT_REVOKED'],
        [accepted.referralId]: ['CONSENT_REVOKED'],
        [ended.referralId]: [],
        [otherConsent.referralId]: [],
      });
    });

    it('lists newest first with filters, ages and keyset pages', async () => {
      const { database, runner } = await world.views();
      const made: string[] = [];
      for (let day = 1; day <= 9; day++) {
        const to = day === 9 ? W2 : day % 3 === 0 ? WIOA : DVR;
        const from = day === 9 ? DVR : W2;
        made.push((await referral(world, { at: `2026-03-0${day}T12:00:00Z`, from, to })).referralId);
      }
      await world.record(`referral-${made[0]}`, 'ReferralAccepted', {
        referralId: made[0],
        acceptedBy: COUNSELOR,
      });
      await world.caughtUp(runner);
      const now = new Date('2026-03-10T12:00:00Z');
      const ids = async (query: Parameters<typeof referralBoard>[1]) =>
        (await referralBoard(database, query, now)).items.map((i) => i.referralId);

      expect(await ids({})).toEqual([...made].reverse());
      expect((await referralBoard(database, {}, now)).items[8]).toMatchObject({
        ageDays: 9,
        status: 'accepted',
      });
      expect(await ids({ status: 'accepted' })).toEqual([made[0]]);
      expect(await ids({ toPartnerId: WIOA })).toEqual([made[5], made[2]]);
      expect(await ids({ fromPartnerId: DVR })).toEqual([made[8]]);
      expect(await ids({ partnerId: WIOA })).toEqual([made[5], made[2]]);
      expect(await ids({ visibleTo: WIOA, fromPartnerId: DVR })).toEqual([]);
      expect(await ids({ olderThanDays: 7 })).toEqual([made[1], made[0]]);

      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await referralBoard(database, { limit: 4, cursor }, now);
        paged.push(...page.items.map((i) => i.referralId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual([...made].reverse());
    });

    it('reports closed-loop figures per partner pair', async () => {
      const { database, runner } = await world.views();
      const accept = (hours: number): [string, string, object] => [
        'ReferralAccepted',
        new Date(Date.parse('2026-03-02T12:00:00Z') + hours * 3_600_000).toISOString(),
        { acceptedBy: COUNSELOR },
      ];
      const at = '2026-03-02T12:00:00Z';
      for (const hours of [1, 2, 3, 4, 10]) await referral(world, { at }, accept(hours));
      await referral(
        world,
        { at },
        accept(5),
        ['ReferralOutcomeRecorded', at, { status: 'failed', outcome: 'could-not-contact' }],
        ['ReferralClosed', at],
      );
      await referral(world, { at }, ['ReferralRejected', at, { reasonCode: 'not-eligible' }]);
      await referral(world, { at }, ['ReferralRejected', at, {}], ['ReferralClosed', at]);
      await referral(world, { at, to: WIOA });
      await referral(world, { at: '2026-04-02T12:00:00Z', to: WIOA });
      await world.caughtUp(runner);

      const { pairs } = await referralReport(database, {}, 'America/Chicago');
      const dvr = pairs.find((p) => p.toPartnerId === DVR)!;
      expect(dvr).toMatchObject({
        fromPartnerId: W2,
        referrals: 8,
        byStatus: { accepted: 5, failed: 1, rejected: 2, requested: 0, completed: 0 },
        timeToAccept: { measured: 6, medianHours: 3, p90Hours: 10 },
        outcomes: { 'could-not-contact': 1 },
        rejectionsByReason: { 'not-eligible': 1, unspecified: 1 },
        loopsToClose: 3,
        loopsClosed: 2,
      });
      const march = await referralReport(
        database,
        { partnerId: WIOA, from: '2026-03-01', to: '2026-03-31' },
        'America/Chicago',
      );
      expect(march.pairs).toEqual([expect.objectContaining({ toPartnerId: WIOA, referrals: 1 })]);
    });
  });
}
