import { LedgerCommand } from '../../shared/ledger-command';
import type { PartnerEvent, PartnerState } from '../partner';
import { requireManageablePartner } from '../partner-rules';

export class ChangePartnerPrograms extends LedgerCommand<{ partnerId: string; programs: string[] }> {}

export function decideChangePrograms(
  payload: { partnerId: string; programs: string[] },
  state: PartnerState,
  context: ChangePartnerPrograms['context'],
): PartnerEvent[] {
  const partnerId = requireManageablePartner(state, context);
  return [{ type: 'PartnerProgramsChanged', data: { partnerId, programs: [...new Set(payload.programs)] } }];
}
