import type { Sealed } from '@ledger/security';
import { invalid } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { ReferralEvent, ReferralState } from '../referral';
import { requireSide, requireStatus } from '../referral-rules';

export type RecordOutcomePayload = {
  referralId: string;
  status: 'completed' | 'failed';
  outcome: string;
  details?: string;
};

export class RecordOutcome extends LedgerCommand<RecordOutcomePayload> {}

/** `completed` takes `got-help` and needs the service started; `failed` any other outcome, once accepted. */
export function decideRecordOutcome(
  { status, outcome, details }: Omit<RecordOutcomePayload, 'details'> & { details?: Sealed },
  state: ReferralState,
  context: RecordOutcome['context'],
): ReferralEvent[] {
  const ids = requireSide(state, context, 'receiver');
  if (status === 'completed' && outcome !== 'got-help')
    throw invalid('outcome', 'a completed referral has the outcome got-help');
  if (status === 'failed' && outcome === 'got-help')
    throw invalid('outcome', 'a failed referral has an outcome other than got-help');
  requireStatus(
    state,
    status === 'completed' ? ['in-progress'] : ['accepted', 'in-progress'],
    `record ${status} for`,
  );
  return [
    { type: 'ReferralOutcomeRecorded', data: { ...ids, status, outcome, ...(details ? { details } : {}) } },
  ];
}
