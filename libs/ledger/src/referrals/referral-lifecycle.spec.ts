import { InMemoryEventStore } from '@ledger/event-sourcing';
import { handleCommand } from '@ledger/event-sourcing/command/handle-command';
import { testContext } from '@ledger/event-sourcing/testing/given-when-then';
import type { Sealed } from '@ledger/security';
import fc from 'fast-check';
import { decideAcceptReferral } from './accept-referral/accept-referral.command';
import { decideCancelReferral } from './cancel-referral/cancel-referral.command';
import { decideCloseReferral } from './close-referral/close-referral.command';
import { decideRecordOutcome } from './record-outcome/record-outcome.command';
import { type ReferralEvent, type ReferralState, type ReferralStatus, referrals } from './referral';
import { decideRejectReferral } from './reject-referral/reject-referral.command';
import { decideScheduleAppointment } from './schedule-appointment/schedule-appointment.command';
import { decideStartReferral } from './start-referral/start-referral.command';

const sealed: Sealed = { sealed: 'A256GCM', iv: 'iv', data: 'data' };
const consent = {
  consentId: 'k',
  recipients: ['dvr'],
  purposes: ['referral'],
  categories: [],
  expiresAt: '2099-01-01T00:00:00Z',
  method: 'verbal',
  obtainedBy: 'w2',
  revoked: false,
};
const made: ReferralEvent = {
  type: 'ReferralMade',
  data: {
    referralId: 'r',
    customerId: 'c',
    fromPartnerId: 'w2',
    toPartnerId: 'dvr',
    reason: sealed,
    individualizedDetermination: sealed,
    consentId: 'k',
    sharedCategories: [],
    agreementId: 'a',
    madeBy: 'fep',
  },
};

type Decide = (
  payload: never,
  state: ReferralState,
  context: ReturnType<typeof testContext>,
) => ReferralEvent[];
const commands: Record<string, [Decide, object]> = {
  accept: [decideAcceptReferral as Decide, { consent }],
  reject: [decideRejectReferral as Decide, { reason: sealed }],
  appointment: [decideScheduleAppointment as Decide, { at: '2026-04-01T15:00:00Z' }],
  start: [decideStartReferral as Decide, {}],
  complete: [decideRecordOutcome as Decide, { status: 'completed', outcome: 'got-help' }],
  fail: [decideRecordOutcome as Decide, { status: 'failed', outcome: 'could-not-contact' }],
  close: [decideCloseReferral as Decide, {}],
  cancel: [decideCancelReferral as Decide, { reason: sealed }],
};

/** api.md "Referral transitions": where each status may go (staying put: appointments, closure). */
const ALLOWED: Record<ReferralStatus, ReferralStatus[]> = {
  requested: ['accepted', 'rejected', 'cancelled'],
  accepted: ['accepted', 'in-progress', 'failed', 'cancelled'],
  'in-progress': ['in-progress', 'completed', 'failed', 'cancelled'],
  completed: ['completed'],
  failed: ['failed'],
  rejected: ['rejected'],
  cancelled: [],
};

const actors = {
  sender: testContext({ actor: { accountId: 'fep', partnerId: 'w2' } }),
  receiver: testContext({ actor: { accountId: 'cm', partnerId: 'dvr' } }),
  stranger: testContext({ actor: { accountId: 'x', partnerId: 'other' } }),
};

describe('referral lifecycle under random commands', () => {
  it('moves only along the lifecycle, keeps terminal states terminal, and a refused command changes nothing', async () => {
    const step = fc.record({
      command: fc.constantFrom(...Object.keys(commands)),
      actor: fc.constantFrom('sender', 'receiver', 'stranger'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 12 }), async (steps) => {
        const store = new InMemoryEventStore();
        await store.append('referral-r', [made], {
          expectedRevision: 'no_stream',
          metadata: { ...actors.sender, commandId: 'made' },
        });
        let status: ReferralStatus = 'requested';
        for (const [i, { command, actor }] of steps.entries()) {
          const [decide, extra] = commands[command];
          const before = (await store.readStream('referral-r')).length;
          const context = { ...actors[actor as keyof typeof actors], commandId: `c${i}` };
          try {
            const result = await handleCommand(
              store,
              'referral-r',
              { ...referrals, decide },
              { referralId: 'r', ...extra } as never,
              context,
            );
            const next = result.state.status as ReferralStatus;
            expect(ALLOWED[status]).toContain(next);
            expect(actor).not.toBe('stranger');
            status = next;
          } catch {
            expect((await store.readStream('referral-r')).length).toBe(before);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
