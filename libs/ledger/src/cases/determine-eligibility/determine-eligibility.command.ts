import type { Sealed } from '@ledger/security';
import { LedgerCommand } from '../../shared/ledger-command';
import type { CaseEvent, CaseState } from '../case';
import { requireOwnCase, requireStep } from '../case-rules';

export type DetermineEligibilityPayload = {
  caseId: string;
  eligible: boolean;
  decidedAt: string;
  reasons: string[];
};
export type EligibilityDecision = Omit<DetermineEligibilityPayload, 'reasons'> & { reasons: Sealed };

export class DetermineEligibility extends LedgerCommand<DetermineEligibilityPayload> {}

/** The interview is optional for programs without one; an ineligible case is closed by the decision. */
export function decideDetermineEligibility(
  { eligible, decidedAt, reasons }: EligibilityDecision,
  state: CaseState,
  context: DetermineEligibility['context'],
): CaseEvent[] {
  const ids = requireOwnCase(state, context);
  requireStep(state, ['applied', 'interview-scheduled'], 'determine eligibility of');
  return [{ type: 'EligibilityDetermined', data: { ...ids, eligible, decidedAt, reasons } }];
}
