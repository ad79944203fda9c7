import type { Sealed } from '@ledger/security';
import { DomainError, invalid } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { CaseEvent, CaseState } from '../case';
import { requireOwnCase } from '../case-rules';

export type CorrectCaseStepPayload = {
  caseId: string;
  eventId: string;
  field: string;
  value: unknown;
  reason: string;
};

export class CorrectCaseStep extends LedgerCommand<CorrectCaseStepPayload> {}

/** The fields a correction may change, per step; ids, the program and the decision itself are not among them. */
const CORRECTABLE: Record<string, Record<string, 'timestamp' | 'channel' | 'text'>> = {
  ApplicationReceived: { receivedAt: 'timestamp', channel: 'channel' },
  InterviewScheduled: { scheduledFor: 'timestamp' },
  EligibilityDetermined: { decidedAt: 'timestamp', reasons: 'text' },
  Enrolled: { enrolledAt: 'timestamp' },
  ProgramExited: { exitedAt: 'timestamp', reason: 'text' },
};

export interface CorrectionDecision {
  caseId: string;
  eventId: string;
  field: string;
  /** Text values arrive sealed; times and channels as they are. */
  value: unknown;
  reason: Sealed;
  /** The event being corrected, found by the handler in this case's history. */
  target?: { type: string };
}

export function correctableKind(type: string, field: string) {
  return CORRECTABLE[type]?.[field];
}

export function decideCorrectCaseStep(
  { target, ...payload }: CorrectionDecision,
  state: CaseState,
  context: CorrectCaseStep['context'],
): CaseEvent[] {
  const ids = requireOwnCase(state, context);
  if (!target)
    throw new DomainError('EVENT_NOT_FOUND', `event ${payload.eventId} is not a step of this case`, 409);
  if (!correctableKind(target.type, payload.field)) {
    throw invalid('field', `${payload.field} of ${target.type} cannot be corrected`);
  }
  return [{ type: 'CaseStepCorrected', data: { ...ids, ...payload } }];
}
