import type { Sealed } from '@ledger/security';
import type { AssessmentEntry } from '../../customer-files/customer-file';
import { refuse, wrongPartner } from '../../shared/domain-error';
import { LedgerCommand, type Warning } from '../../shared/ledger-command';
import type { AssessmentEvent, AssessmentState } from '../assessment';

export interface RecordAssessmentPayload {
  assessmentId: string;
  customerId: string;
  partnerId: string;
  kind: string;
  instrument: string;
  performedAt: string;
  findings: { strengths: string[]; needs: string[]; barriers: string[] };
}

export class RecordAssessment extends LedgerCommand<RecordAssessmentPayload> {}

export function decideRecordAssessment(
  {
    customerExists,
    ...payload
  }: Omit<RecordAssessmentPayload, 'findings'> & { findings: Sealed; customerExists: boolean },
  state: AssessmentState,
  context: RecordAssessment['context'],
): AssessmentEvent[] {
  if (context.actor.partnerId !== payload.partnerId)
    throw wrongPartner('a partner records assessments for itself only');
  if (state.exists) throw refuse('ASSESSMENT_EXISTS', `assessment ${payload.assessmentId} already exists`);
  if (!customerExists) throw refuse('CUSTOMER_NOT_FOUND', `customer ${payload.customerId} does not exist`);
  return [{ type: 'AssessmentRecorded', data: { ...payload, recordedBy: context.actor.accountId } }];
}

const DAY = 86_400_000;

/**
 * DUPLICATE_ASSESSMENT: the same kind for the same customer by another partner inside the reuse window.
 * It names the existing assessment (id, partner, kind, date) and nothing of its content (security.md).
 */
export function repeatedAssessmentWarnings(
  existing: Iterable<AssessmentEntry>,
  recorded: { partnerId: string; kind: string; performedAt: string },
  reuseDays: number,
): Warning[] {
  const at = Date.parse(recorded.performedAt);
  return [...existing]
    .filter((a) => !a.superseded && a.kind === recorded.kind && a.partnerId !== recorded.partnerId)
    .filter((a) => Math.abs(Date.parse(a.performedAt) - at) <= reuseDays * DAY)
    .map((a) => ({
      code: 'DUPLICATE_ASSESSMENT',
      message: `a ${a.kind} assessment of this customer by another partner on ${a.performedAt.slice(0, 10)} may be reused`,
      assessmentId: a.assessmentId,
      partnerId: a.partnerId,
      kind: a.kind,
      performedAt: a.performedAt,
    }));
}
