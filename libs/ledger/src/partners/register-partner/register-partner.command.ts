import { refuse, wrongPartner } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { PartnerKind } from '../../shared/vocabularies';
import type { PartnerEvent, PartnerState } from '../partner';

export interface RegisterPartnerPayload {
  partnerId: string;
  name: string;
  kind: PartnerKind;
  programs: string[];
}

export class RegisterPartner extends LedgerCommand<RegisterPartnerPayload> {}

export function decideRegisterPartner(
  payload: RegisterPartnerPayload,
  state: PartnerState,
  context: RegisterPartner['context'],
): PartnerEvent[] {
  if (context.actor.partnerId !== null)
    throw wrongPartner('only an administrator with no partner registers partners');
  if (state.exists) throw refuse('PARTNER_EXISTS', `partner ${payload.partnerId} is already registered`);
  return [{ type: 'PartnerRegistered', data: { ...payload, programs: [...new Set(payload.programs)] } }];
}
