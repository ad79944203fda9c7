import type { Sealed } from '@ledger/security';

export type ReferralStatus =
  | 'requested'
  | 'accepted'
  | 'rejected'
  | 'in-progress'
  | 'completed'
  | 'failed'
  | 'cancelled';

type Ids = { referralId: string; customerId: string };

export type ReferralEvent =
  | {
      type: 'ReferralMade';
      data: Ids & {
        fromPartnerId: string;
        toPartnerId: string;
        serviceId?: string;
        reason: Sealed;
        individualizedDetermination: Sealed;
        consentId: string;
        sharedCategories: string[];
        agreementId: string;
        madeBy: string;
      };
    }
  | { type: 'ReferralAccepted'; data: Ids & { acceptedBy: string } }
  | { type: 'ReferralRejected'; data: Ids & { reasonCode?: string; reason: Sealed } }
  | { type: 'ReferralAppointmentScheduled'; data: Ids & { at: string } }
  | { type: 'ReferralStarted'; data: Ids }
  | {
      type: 'ReferralOutcomeRecorded';
      data: Ids & { status: 'completed' | 'failed'; outcome: string; details?: Sealed };
    }
  | { type: 'ReferralClosed'; data: Ids & { note?: Sealed } }
  | { type: 'ReferralCancelled'; data: Ids & { reason: Sealed } }
  | { type: 'ReferralReassigned'; data: Ids & { accountId: string } };

export interface ReferralState {
  exists: boolean;
  referralId?: string;
  customerId?: string;
  fromPartnerId?: string;
  toPartnerId?: string;
  serviceId?: string;
  consentId?: string;
  status?: ReferralStatus;
  outcome?: string;
  closed: boolean;
  assignedTo?: string;
}

export const referralStream = (referralId: string) => `referral-${referralId}`;

export const referrals = {
  initialState: (): ReferralState => ({ exists: false, closed: false }),
  evolve(state: ReferralState, event: ReferralEvent): ReferralState {
    switch (event.type) {
      case 'ReferralMade': {
        const { referralId, customerId, fromPartnerId, toPartnerId, serviceId, consentId, madeBy } =
          event.data;
        return {
          ...state,
          exists: true,
          referralId,
          customerId,
          fromPartnerId,
          toPartnerId,
          serviceId,
          consentId,
          status: 'requested',
          assignedTo: madeBy,
        };
      }
      case 'ReferralAccepted':
        return { ...state, status: 'accepted', assignedTo: event.data.acceptedBy };
      case 'ReferralRejected':
        return { ...state, status: 'rejected' };
      case 'ReferralAppointmentScheduled':
        return state;
      case 'ReferralStarted':
        return { ...state, status: 'in-progress' };
      case 'ReferralOutcomeRecorded':
        return { ...state, status: event.data.status, outcome: event.data.outcome };
      case 'ReferralClosed':
        return { ...state, closed: true };
      case 'ReferralCancelled':
        return { ...state, status: 'cancelled' };
      case 'ReferralReassigned':
        return { ...state, assignedTo: event.data.accountId };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};

export const OPEN_STATUSES: readonly ReferralStatus[] = ['requested', 'accepted', 'in-progress'];
