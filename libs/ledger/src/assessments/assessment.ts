import type { Sealed } from '@ledger/security';

export type AssessmentEvent =
  | {
      type: 'AssessmentRecorded';
      data: {
        assessmentId: string;
        customerId: string;
        partnerId: string;
        kind: string;
        instrument: string;
        performedAt: string;
        findings: Sealed;
        recordedBy: string;
      };
    }
  | {
      type: 'AssessmentShared';
      data: { assessmentId: string; customerId: string; partnerId: string; consentId: string };
    }
  | {
      type: 'AssessmentSuperseded';
      data: { assessmentId: string; customerId: string; reason: Sealed; supersededBy?: string };
    };

export interface AssessmentState {
  exists: boolean;
  assessmentId?: string;
  customerId?: string;
  partnerId?: string;
  kind?: string;
  performedAt?: string;
  sharedWith: string[];
  superseded: boolean;
}

export const assessmentStream = (assessmentId: string) => `assessment-${assessmentId}`;

export const assessments = {
  initialState: (): AssessmentState => ({ exists: false, sharedWith: [], superseded: false }),
  evolve(state: AssessmentState, event: AssessmentEvent): AssessmentState {
    switch (event.type) {
      case 'AssessmentRecorded': {
        const { assessmentId, customerId, partnerId, kind, performedAt } = event.data;
        return { ...state, exists: true, assessmentId, customerId, partnerId, kind, performedAt };
      }
      case 'AssessmentShared':
        return { ...state, sharedWith: [...new Set([...state.sharedWith, event.data.partnerId])] };
      case 'AssessmentSuperseded':
        return { ...state, superseded: true };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};
