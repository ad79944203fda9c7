import type { Sealed } from '@ledger/security';

export type CaseStep = 'applied' | 'interview-scheduled' | 'eligible' | 'ineligible' | 'enrolled' | 'exited';

export type CaseEvent =
  | {
      type: 'ApplicationReceived';
      data: {
        caseId: string;
        customerId: string;
        partnerId: string;
        program: string;
        receivedAt: string;
        channel: string;
        assignedTo: string;
      };
    }
  | { type: 'InterviewScheduled'; data: { caseId: string; customerId: string; scheduledFor: string } }
  | {
      type: 'EligibilityDetermined';
      data: { caseId: string; customerId: string; eligible: boolean; decidedAt: string; reasons: Sealed };
    }
  | { type: 'Enrolled'; data: { caseId: string; customerId: string; enrolledAt: string } }
  | { type: 'ProgramExited'; data: { caseId: string; customerId: string; exitedAt: string; reason: Sealed } }
  | { type: 'CaseReassigned'; data: { caseId: string; customerId: string; accountId: string } }
  | {
      type: 'CaseStepCorrected';
      data: {
        caseId: string;
        customerId: string;
        eventId: string;
        field: string;
        value: unknown;
        reason: Sealed;
      };
    };

export interface CaseState {
  exists: boolean;
  caseId?: string;
  customerId?: string;
  partnerId?: string;
  program?: string;
  step?: CaseStep;
  assignedTo?: string;
}

export const caseStream = (caseId: string) => `case-${caseId}`;

const OPEN: readonly CaseStep[] = ['applied', 'interview-scheduled', 'eligible', 'enrolled'];
export const caseIsOpen = (state: CaseState) => !!state.step && OPEN.includes(state.step);

export const cases = {
  initialState: (): CaseState => ({ exists: false }),
  evolve(state: CaseState, event: CaseEvent): CaseState {
    switch (event.type) {
      case 'ApplicationReceived': {
        const { caseId, customerId, partnerId, program, assignedTo } = event.data;
        return { exists: true, caseId, customerId, partnerId, program, assignedTo, step: 'applied' };
      }
      case 'InterviewScheduled':
        return { ...state, step: 'interview-scheduled' };
      case 'EligibilityDetermined':
        return { ...state, step: event.data.eligible ? 'eligible' : 'ineligible' };
      case 'Enrolled':
        return { ...state, step: 'enrolled' };
      case 'ProgramExited':
        return { ...state, step: 'exited' };
      case 'CaseReassigned':
        return { ...state, assignedTo: event.data.accountId };
      case 'CaseStepCorrected':
        return state;
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};
