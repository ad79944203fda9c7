import type { PartnerState } from '../../partners/partner';
import { refuse, wrongPartner } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { AccountEvent, AccountState } from '../account';
import { checkRoles } from '../account-rules';

export interface RequestAccountPayload {
  accountId: string;
  legalName: string;
  partnerId: string | null;
  email: string;
  roles: string[];
}

export class RequestAccount extends LedgerCommand<RequestAccountPayload> {}

export function decideRequestAccount(
  { partner, ...payload }: RequestAccountPayload & { partner?: PartnerState },
  state: AccountState,
  context: RequestAccount['context'],
): AccountEvent[] {
  if (state.exists) throw refuse('ACCOUNT_EXISTS', `account ${payload.accountId} already exists`);
  const { actor } = context;
  // Security officers request for their own partner, or any when they have none; supervisors and
  // partner administrators only for their own partner (security.md).
  const forOwnPartner = actor.partnerId !== null && actor.partnerId === payload.partnerId;
  const stateOffice = actor.partnerId === null && actor.roles.includes('security-officer');
  if (!forOwnPartner && !stateOffice)
    throw wrongPartner('you may request accounts for your own partner only');
  checkRoles(payload.roles, payload.partnerId, partner);
  return [
    {
      type: 'AccountRequested',
      data: { ...payload, roles: [...new Set(payload.roles)], requestedBy: actor.accountId },
    },
  ];
}
