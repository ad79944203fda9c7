export type AccountStatus = 'requested' | 'active' | 'disabled' | 'terminated';

export type AccountEvent =
  | {
      type: 'AccountRequested';
      data: {
        accountId: string;
        legalName: string;
        partnerId: string | null;
        email: string;
        roles: string[];
        requestedBy: string;
      };
    }
  | { type: 'AccountActivated'; data: { accountId: string; authorisedBy: string } }
  | { type: 'AccountRolesChanged'; data: { accountId: string; roles: string[]; authorisedBy: string } }
  | { type: 'AccountNameChanged'; data: { accountId: string; legalName: string; authorisedBy: string } }
  | { type: 'StaffDepartureRecorded'; data: { accountId: string; departedAt: string; authorisedBy: string } }
  | { type: 'AccountTerminated'; data: { accountId: string; reason?: string; authorisedBy: string } }
  | { type: 'AccountDisabled'; data: { accountId: string; reason: string; authorisedBy: string } }
  | { type: 'AccountReenabled'; data: { accountId: string; reason: string; authorisedBy: string } }
  | {
      type: 'AccountReviewed';
      data: { accountId: string; decision: string; notes?: string; authorisedBy: string };
    }
  | { type: 'AccountActive'; data: { accountId: string; on: string } };

export interface AccountState {
  exists: boolean;
  accountId?: string;
  status?: AccountStatus;
  partnerId: string | null;
  roles: string[];
  legalName?: string;
  email?: string;
  departedAt?: string;
  lastReviewedOn?: string;
}

export const accountStream = (accountId: string) => `account-${accountId}`;

export const accounts = {
  initialState: (): AccountState => ({ exists: false, partnerId: null, roles: [] }),
  evolve(state: AccountState, event: AccountEvent): AccountState {
    switch (event.type) {
      case 'AccountRequested': {
        const { accountId, legalName, partnerId, email, roles } = event.data;
        return { exists: true, accountId, status: 'requested', legalName, partnerId, email, roles };
      }
      case 'AccountActivated':
      case 'AccountReenabled':
        return { ...state, status: 'active' };
      case 'AccountRolesChanged':
        return { ...state, roles: event.data.roles };
      case 'AccountNameChanged':
        return { ...state, legalName: event.data.legalName };
      case 'StaffDepartureRecorded':
        return { ...state, departedAt: event.data.departedAt };
      case 'AccountTerminated':
        return { ...state, status: 'terminated' };
      case 'AccountDisabled':
        return { ...state, status: 'disabled' };
      case 'AccountReviewed':
        return { ...state, lastReviewedOn: event.data.decision };
      case 'AccountActive':
        return state;
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};
