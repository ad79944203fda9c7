import type { PartnerState } from '../../partners/partner';
import { invalid, refuse } from '../../shared/domain-error';
import { LedgerCommand } from '../../shared/ledger-command';
import type { AccountEvent, AccountState } from '../account';
import { checkRoles, requireAccountAuthority } from '../account-rules';

/**
 * The account's life after activation (security.md "Accounts"): every change by a security officer, who is
 * recorded as the authoriser, never on their own account, never on a terminated one.
 */
export type AccountChange =
  | { change: 'roles'; roles: string[] }
  | { change: 'name'; legalName: string }
  | { change: 'departure'; departedAt: string }
  | { change: 'termination'; reason?: string }
  | { change: 'disable'; reason: string }
  | { change: 'reenable'; reason: string }
  | { change: 'review'; decision: 'keep' | 'disable' | 'terminate'; notes?: string };

export type ChangeAccountPayload = { accountId: string } & AccountChange;

export class ChangeAccount extends LedgerCommand<ChangeAccountPayload> {}

/** Facts from other streams: the account's partner (for roles), and how many security officers are active. */
export interface AccountFacts {
  partner?: PartnerState;
  activeSecurityOfficers: number;
}

export function decideChangeAccount(
  { partner, activeSecurityOfficers, ...payload }: ChangeAccountPayload & AccountFacts,
  state: AccountState,
  context: ChangeAccount['context'],
): AccountEvent[] {
  requireAccountAuthority(state, context);
  const { accountId } = payload;
  const authorisedBy = context.actor.accountId;
  const removesLastOfficer = () => {
    if (
      state.status === 'active' &&
      state.roles.includes('security-officer') &&
      activeSecurityOfficers <= 1
    ) {
      throw refuse(
        'LAST_SECURITY_OFFICER',
        'the last active security officer cannot be disabled or terminated',
      );
    }
  };
  switch (payload.change) {
    case 'roles':
      checkRoles(payload.roles, state.partnerId, partner);
      return [
        {
          type: 'AccountRolesChanged',
          data: { accountId, roles: [...new Set(payload.roles)], authorisedBy },
        },
      ];
    case 'name':
      return [
        { type: 'AccountNameChanged', data: { accountId, legalName: payload.legalName, authorisedBy } },
      ];
    case 'departure':
      return [
        { type: 'StaffDepartureRecorded', data: { accountId, departedAt: payload.departedAt, authorisedBy } },
      ];
    case 'termination':
      removesLastOfficer();
      return [
        {
          type: 'AccountTerminated',
          data: { accountId, ...(payload.reason ? { reason: payload.reason } : {}), authorisedBy },
        },
      ];
    case 'disable':
      if (state.status !== 'active')
        throw refuse('TRANSITION_NOT_ALLOWED', `a ${state.status} account cannot be disabled`);
      removesLastOfficer();
      return [{ type: 'AccountDisabled', data: { accountId, reason: payload.reason, authorisedBy } }];
    case 'reenable':
      if (state.status !== 'disabled')
        throw refuse('TRANSITION_NOT_ALLOWED', `a ${state.status} account cannot be re-enabled`);
      return [{ type: 'AccountReenabled', data: { accountId, reason: payload.reason, authorisedBy } }];
    case 'review': {
      const { decision, notes } = payload;
      const reviewed: AccountEvent = {
        type: 'AccountReviewed',
        data: { accountId, decision, ...(notes ? { notes } : {}), authorisedBy },
      };
      if (decision === 'keep') return [reviewed];
      removesLastOfficer();
      const reason = `review decided ${decision}`;
      return decision === 'disable'
        ? [
            reviewed,
            ...(state.status === 'active'
              ? [{ type: 'AccountDisabled', data: { accountId, reason, authorisedBy } } as AccountEvent]
              : []),
          ]
        : [reviewed, { type: 'AccountTerminated', data: { accountId, reason, authorisedBy } }];
    }
    default: {
      const unknown: never = payload;
      throw invalid('change', `unknown change ${(unknown as { change: string }).change}`);
    }
  }
}
