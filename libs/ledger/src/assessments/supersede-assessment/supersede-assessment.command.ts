import type { Sealed } from '@ledger/security';
import { DomainError, refuse, wrongPartner } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { AssessmentEvent, AssessmentState } from '../assessment';

export type SupersedeAssessmentPayload = { assessmentId: string; reason: string; supersededBy?: string };

export class SupersedeAssessment extends LedgerCommand<SupersedeAssessmentPayload> {}

export function decideSupersedeAssessment(
  { assessmentId, reason, supersededBy }: { assessmentId: string; reason: Sealed; supersededBy?: string },
  state: AssessmentState,
  context: SupersedeAssessment['context'],
): AssessmentEvent[] {
  if (!state.exists || !state.customerId)
    throw new DomainError('NOT_FOUND', 'assessment does not exist', 404);
  if (context.actor.partnerId !== state.partnerId)
    throw wrongPartner('only the partner that recorded it supersedes an assessment');
  if (state.superseded) throw refuse('ASSESSMENT_SUPERSEDED', 'this assessment was already superseded');
  const data = {
    assessmentId,
    customerId: state.customerId,
    reason,
    ...(supersededBy ? { supersededBy } : {}),
  };
  return [{ type: 'AssessmentSuperseded', data }];
}
