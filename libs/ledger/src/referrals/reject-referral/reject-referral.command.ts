import type { Sealed } from '@ledger/security';
import { LedgerCommand } from '../../shared/ledger-command';
import type { ReferralEvent, ReferralState } from '../referral';
import { requireSide, requireStatus } from '../referral-rules';

export type RejectReferralPayload = { referralId: string; reasonCode?: string; reason: string };

export class RejectReferral extends LedgerCommand<RejectReferralPayload> {}

export function decideRejectReferral(
  { reasonCode, reason }: { referralId: string; reasonCode?: string; reason: Sealed },
  state: ReferralState,
  context: RejectReferral['context'],
): ReferralEvent[] {
  const ids = requireSide(state, context, 'receiver');
  requireStatus(state, ['requested'], 'reject');
  return [{ type: 'ReferralRejected', data: { ...ids, ...(reasonCode ? { reasonCode } : {}), reason } }];
}
