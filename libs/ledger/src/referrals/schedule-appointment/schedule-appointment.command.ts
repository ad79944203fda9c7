import { LedgerCommand } from '../../shared/ledger-command';
import type { ReferralEvent, ReferralState } from '../referral';
import { requireSide, requireStatus } from '../referral-rules';

export class ScheduleAppointment extends LedgerCommand<{ referralId: string; at: string }> {}

export function decideScheduleAppointment(
  { at }: { referralId: string; at: string },
  state: ReferralState,
  context: ScheduleAppointment['context'],
): ReferralEvent[] {
  const ids = requireSide(state, context, 'receiver');
  requireStatus(state, ['accepted', 'in-progress'], 'schedule an appointment for');
  return [{ type: 'ReferralAppointmentScheduled', data: { ...ids, at } }];
}
