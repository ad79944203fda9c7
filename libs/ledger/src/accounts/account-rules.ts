import type { CommandContext } from '@ledger/event-sourcing';
import type { PartnerState } from '../partners/partner';
import { DomainError, invalid, refuse, wrongPartner } from '../shared/domain-error';
import { LEDGER_ROLES, type Role } from '../shared/vocabularies';
import type { AccountState } from './account';

const W2_ROLES: readonly string[] = [
  'w2-office-administration',
  'w2-fep',
  'w2-resource-specialist',
  'w2-case-management-other',
  'w2-case-management-supervisor',
  'w2-qc-staff',
];

/** security.md "Accounts": at most two roles, never FEP with supervisor, and roles that fit the partner. */
export function checkRoles(
  roles: readonly string[],
  partnerId: string | null,
  partner: PartnerState | undefined,
): void {
  if (roles.length < 1 || roles.length > 2) throw invalid('roles', 'an account holds one or two roles');
  if (roles.includes('w2-fep') && roles.includes('w2-case-management-supervisor')) {
    throw refuse('FEP_WITH_SUPERVISOR', 'a supervisor who also plans takes the supervisor role alone');
  }
  const own = roles.filter((r) => !LEDGER_ROLES.includes(r as Role));
  if (partnerId === null) {
    if (own.length > 0)
      throw invalid('partnerId', 'only accounts holding the ledger’s own roles may belong to no partner');
    return;
  }
  if (!partner?.exists)
    throw refuse('PARTNER_NOT_FOUND', `partner ${partnerId} does not exist`, { partnerId });
  if (!partner.active) throw refuse('PARTNER_INACTIVE', `partner ${partnerId} is deactivated`, { partnerId });
  for (const role of own) {
    if (!roleFits(role, partner)) {
      throw refuse('ROLE_NOT_FOR_PARTNER', `the role ${role} does not fit partner ${partnerId}`, {
        role,
        partnerId,
      });
    }
  }
}

function roleFits(role: string, partner: PartnerState): boolean {
  if (W2_ROLES.includes(role)) return partner.kind === 'w2-agency';
  if (role === 'tj-worker') return partner.programs.includes('tj');
  if (role === 'tmj-worker') return partner.programs.includes('tmj');
  if (role === 'cf-case-manager') return partner.programs.includes('children-first');
  if (role === 'partner-case-manager') return partner.kind !== 'w2-agency';
  return false;
}

/** A security officer with a partner manages that partner's accounts; one with none manages all. */
export function requireAccountAuthority(state: AccountState, context: CommandContext): void {
  if (!state.exists) throw new DomainError('NOT_FOUND', 'account does not exist', 404);
  if (state.accountId === context.actor.accountId) {
    throw refuse('SELF_AUTHORISATION', 'nobody authorises a change to their own account');
  }
  const own = context.actor.partnerId;
  if (own !== null && own !== state.partnerId) throw wrongPartner('this account belongs to another partner');
  if (state.status === 'terminated') throw refuse('ACCOUNT_TERMINATED', 'a terminated account cannot change');
}
