import type { Sealed } from '@ledger/security';

/** Identity and contact details: always sealed under the customer's own key inside events. */
export interface PersonalDetails {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  address?: { line1: string; city: string; state: string; postalCode: string };
  phone?: string;
  email?: string;
}

export interface Consent {
  consentId: string;
  recipients: string[];
  purposes: string[];
  categories: string[];
  expiresAt: string;
  method: string;
  obtainedBy: string;
  revoked: boolean;
}

export type CustomerEvent =
  | {
      type: 'CustomerRegistered';
      data: {
        customerId: string;
        registeredBy: string;
        personal: Sealed;
        ssnHash?: string;
        ssnLast4?: string;
        sex?: string;
        preferredLanguage?: string;
        clearance: { searchId?: string; acknowledgedCandidateIds: string[] };
      };
    }
  | {
      type: 'CustomerDetailsCorrected';
      data: {
        customerId: string;
        fields: string[];
        personal?: Sealed;
        ssnHash?: string;
        ssnLast4?: string;
        sex?: string;
        preferredLanguage?: string;
        reason: Sealed;
      };
    }
  | { type: 'ConsentGranted'; data: { customerId: string } & Omit<Consent, 'revoked'> }
  | { type: 'ConsentRevoked'; data: { customerId: string; consentId: string; reason: Sealed } }
  | {
      type: 'ChildWelfareInvolvementRecorded';
      data: {
        customerId: string;
        involvementId: string;
        partnerId: string;
        startedAt: string;
        caseReference?: Sealed;
      };
    }
  | {
      type: 'ChildWelfareInvolvementEnded';
      data: { customerId: string; involvementId: string; endedAt: string; reason?: Sealed };
    }
  | {
      type: 'FeedbackReceived';
      data: {
        customerId: string;
        feedbackId: string;
        partnerId: string;
        channel: string;
        rating?: number;
        comments?: Sealed;
      };
    }
  | {
      type: 'ComplaintFiled';
      data: { customerId: string; complaintId: string; partnerId: string; subject: Sealed; details: Sealed };
    }
  | { type: 'CustomerMerged'; data: { customerId: string; duplicateId: string; reason: Sealed } }
  | { type: 'CustomerMergedInto'; data: { customerId: string; survivorId: string; reason: Sealed } }
  | {
      type: 'CustomerMergeUndone';
      data: { customerId: string; otherId: string; wasDuplicate: boolean; reason: Sealed };
    }
  | {
      type: 'AppealRightsExplained';
      data: { customerId: string; partnerId: string; program: string; method: string; language?: string };
    };

export interface CustomerState {
  exists: boolean;
  customerId?: string;
  registeredBy?: string;
  consents: Record<string, Consent>;
  involvements: Record<string, { partnerId: string; startedAt: string; ended: boolean }>;
  /** Set while this customer is merged into another: the survivor. */
  mergedInto?: string;
  /** Duplicates merged into this customer, and not undone. */
  merged: string[];
}

export const customerStream = (customerId: string) => `customer-${customerId}`;

export const customers = {
  initialState: (): CustomerState => ({ exists: false, consents: {}, involvements: {}, merged: [] }),
  evolve(state: CustomerState, event: CustomerEvent): CustomerState {
    switch (event.type) {
      case 'CustomerRegistered':
        return {
          ...state,
          exists: true,
          customerId: event.data.customerId,
          registeredBy: event.data.registeredBy,
        };
      case 'ConsentGranted': {
        const { customerId: _c, ...consent } = event.data;
        return {
          ...state,
          consents: { ...state.consents, [consent.consentId]: { ...consent, revoked: false } },
        };
      }
      case 'ConsentRevoked': {
        const consent = { ...state.consents[event.data.consentId], revoked: true };
        return { ...state, consents: { ...state.consents, [event.data.consentId]: consent } };
      }
      case 'ChildWelfareInvolvementRecorded': {
        const { involvementId, partnerId, startedAt } = event.data;
        return {
          ...state,
          involvements: { ...state.involvements, [involvementId]: { partnerId, startedAt, ended: false } },
        };
      }
      case 'ChildWelfareInvolvementEnded': {
        const involvement = { ...state.involvements[event.data.involvementId], ended: true };
        return { ...state, involvements: { ...state.involvements, [event.data.involvementId]: involvement } };
      }
      case 'CustomerMerged':
        return { ...state, merged: [...state.merged, event.data.duplicateId] };
      case 'CustomerMergedInto':
        return { ...state, mergedInto: event.data.survivorId };
      case 'CustomerMergeUndone':
        return event.data.wasDuplicate
          ? { ...state, mergedInto: undefined }
          : { ...state, merged: state.merged.filter((id) => id !== event.data.otherId) };
      case 'CustomerDetailsCorrected':
      case 'FeedbackReceived':
      case 'ComplaintFiled':
      case 'AppealRightsExplained':
        return state;
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};

/** A consent is in effect until it is revoked or expires (judged at the ledger's time of the command). */
export function consentInEffect(consent: Consent | undefined, now: Date): boolean {
  return !!consent && !consent.revoked && Date.parse(consent.expiresAt) > now.getTime();
}
