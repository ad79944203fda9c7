import type { DomainEvent } from '@ledger/event-sourcing';
import { readAssignee } from '../cases/case.handlers';
import { customerStream, customers } from '../customers/customer';
import { readPartner } from '../partners/read-partner';
import type { Decide } from '../shared/execute';
import type { LedgerCommand } from '../shared/ledger-command';
import { readState } from '../shared/read-state';
import { type Preparation, recordHandler } from '../shared/record-handler';
import { AcceptReferral, decideAcceptReferral } from './accept-referral/accept-referral.command';
import { CancelReferral, decideCancelReferral } from './cancel-referral/cancel-referral.command';
import { CloseReferral, decideCloseReferral } from './close-referral/close-referral.command';
import { decideMakeReferral, MakeReferral } from './make-referral/make-referral.command';
import { decideReassignReferral, ReassignReferral } from './reassign-referral/reassign-referral.command';
import { decideRecordOutcome, RecordOutcome } from './record-outcome/record-outcome.command';
import { type ReferralEvent, type ReferralState, referralStream, referrals } from './referral';
import { decideRejectReferral, RejectReferral } from './reject-referral/reject-referral.command';
import {
  decideScheduleAppointment,
  ScheduleAppointment,
} from './schedule-appointment/schedule-appointment.command';
import { decideStartReferral, StartReferral } from './start-referral/start-referral.command';

function onReferral<P extends { referralId: string }, D>(
  command: new (...args: never[]) => LedgerCommand<P>,
  prepare: (payload: P, with_: Preparation<ReferralState>) => Promise<D>,
  decide: Decide<D, ReferralEvent, ReferralState>,
) {
  return recordHandler<P, D, ReferralEvent & DomainEvent, ReferralState>({
    command,
    stream: (p) => referralStream(p.referralId),
    category: referrals,
    customerOf: (p, state) => state.customerId ?? (p as { customerId?: string }).customerId,
    prepare,
    decide,
    answer: (p) => ({ id: p.referralId }),
  });
}

const asIs = async <P>(payload: P) => payload;
const sealOptional = (value: string | undefined, seal: Preparation<unknown>['seal']) =>
  value === undefined ? Promise.resolve(undefined) : seal(value);

export const referralHandlers = [
  onReferral(
    MakeReferral,
    async (p, with_) => ({
      ...p,
      reason: await with_.seal(p.reason),
      individualizedDetermination: await with_.seal(p.individualizedDetermination),
      determinationGiven: p.individualizedDetermination.trim().length > 0,
      customer: await readState(with_.store, customerStream(p.customerId), customers),
      toPartner: await readPartner(with_.store, p.toPartnerId),
      agreements: [...with_.index.agreements.values()],
      referrals: [...with_.file.referrals.values()],
      today: with_.settings.localDate(with_.now),
    }),
    decideMakeReferral,
  ),
  onReferral(
    AcceptReferral,
    async (p, with_) => {
      const customer = with_.state.customerId
        ? await readState(with_.store, customerStream(with_.state.customerId), customers)
        : undefined;
      return { ...p, consent: with_.state.consentId ? customer?.consents[with_.state.consentId] : undefined };
    },
    decideAcceptReferral,
  ),
  onReferral(
    RejectReferral,
    async (p, { seal }) => ({ ...p, reason: await seal(p.reason) }),
    decideRejectReferral,
  ),
  onReferral(ScheduleAppointment, asIs, decideScheduleAppointment),
  onReferral(StartReferral, asIs, decideStartReferral),
  onReferral(
    RecordOutcome,
    async (p, { seal }) => ({ ...p, details: await sealOptional(p.details, seal) }),
    decideRecordOutcome,
  ),
  onReferral(
    CloseReferral,
    async (p, { seal }) => ({ ...p, note: await sealOptional(p.note, seal) }),
    decideCloseReferral,
  ),
  onReferral(
    CancelReferral,
    async (p, { seal }) => ({ ...p, reason: await seal(p.reason) }),
    decideCancelReferral,
  ),
  onReferral(
    ReassignReferral,
    async (p, with_) => ({ ...p, assignee: await readAssignee(with_, p.accountId) }),
    decideReassignReferral,
  ),
];
