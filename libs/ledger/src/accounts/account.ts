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
  | { type: 'AccountActivated'; data: { accountId: string; authorisedBy: string } };

export interface AccountState {
  exists: boolean;
  accountId?: string;
  status?: AccountStatus;
  partnerId: string | null;
  roles: string[];
  legalName?: string;
  email?: string;
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
        return { ...state, status: 'active' };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};
