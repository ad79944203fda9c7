import { spec, testContext } from '@ledger/event-sourcing/testing/given-when-then';
import { partners } from '../partners/partner';
import type { Decide } from '../shared/execute';
import { type AccountEvent, type AccountState, accounts } from './account';
import { decideChangeAccount } from './change-account/change-account.command';
import { decideRequestAccount } from './request-account/request-account.command';

const officer = testContext({ actor: { accountId: 'so-1', partnerId: null, roles: ['security-officer'] } });
const given = <P>(decide: Decide<P, AccountEvent, AccountState>) => spec({ ...accounts, decide });
const requested: AccountEvent = {
  type: 'AccountRequested',
  data: {
    accountId: 'a-1',
    legalName: 'Dana',
    partnerId: 'w2',
    email: 'd@x',
    roles: ['security-officer'],
    requestedBy: 'so-1',
  },
};
const activated: AccountEvent = {
  type: 'AccountActivated',
  data: { accountId: 'a-1', authorisedBy: 'so-1' },
};
const w2 = {
  ...partners.initialState(),
  exists: true,
  active: true,
  partnerId: 'w2',
  kind: 'w2-agency' as const,
  programs: ['w2'],
};
const refused = (code: string) => expect.objectContaining({ code });

describe('account decider', () => {
  it('refuses FEP with supervisor and roles that do not fit the partner', () => {
    const request = { accountId: 'a-2', legalName: 'L', partnerId: 'w2', email: 'l@x', partner: w2 };
    given(decideRequestAccount)
      .given([])
      .when({ ...request, roles: ['w2-fep', 'w2-case-management-supervisor'] }, officer)
      .thenThrows(refused('FEP_WITH_SUPERVISOR'));
    given(decideRequestAccount)
      .given([])
      .when({ ...request, roles: ['cf-case-manager'] }, officer)
      .thenThrows(refused('ROLE_NOT_FOR_PARTNER'));
    given(decideRequestAccount)
      .given([])
      .when({ ...request, roles: ['partner-case-manager'] }, officer)
      .thenThrows(refused('ROLE_NOT_FOR_PARTNER'));
  });

  it('never disables or terminates the last active security officer (the sweep acts as system)', () => {
    const system = testContext({ actor: { accountId: 'system', partnerId: null, roles: [] } });
    const facts = { partner: w2, activeSecurityOfficers: 1 };
    given(decideChangeAccount)
      .given([requested, activated])
      .when({ accountId: 'a-1', change: 'disable', reason: 'inactive', ...facts }, system)
      .thenThrows(refused('LAST_SECURITY_OFFICER'));
    given(decideChangeAccount)
      .given([requested, activated])
      .when({ accountId: 'a-1', change: 'termination', ...facts }, system)
      .thenThrows(refused('LAST_SECURITY_OFFICER'));
    given(decideChangeAccount)
      .given([requested, activated])
      .when(
        { accountId: 'a-1', change: 'disable', reason: 'inactive', ...facts, activeSecurityOfficers: 2 },
        system,
      )
      .thenEmits([
        { type: 'AccountDisabled', data: { accountId: 'a-1', reason: 'inactive', authorisedBy: 'system' } },
      ]);
  });

  it('names the authoriser on every change, and a review that terminates terminates', () => {
    given(decideChangeAccount)
      .given([requested, activated])
      .when(
        { accountId: 'a-1', change: 'review', decision: 'terminate', partner: w2, activeSecurityOfficers: 3 },
        officer,
      )
      .thenEmits([
        { type: 'AccountReviewed', data: { accountId: 'a-1', decision: 'terminate', authorisedBy: 'so-1' } },
        {
          type: 'AccountTerminated',
          data: { accountId: 'a-1', reason: 'review decided terminate', authorisedBy: 'so-1' },
        },
      ]);
  });

  it('refuses changes to a terminated account and to one’s own', () => {
    const terminated: AccountEvent = {
      type: 'AccountTerminated',
      data: { accountId: 'a-1', authorisedBy: 'so-1' },
    };
    given(decideChangeAccount)
      .given([requested, activated, terminated])
      .when({ accountId: 'a-1', change: 'name', legalName: 'x', activeSecurityOfficers: 2 }, officer)
      .thenThrows(refused('ACCOUNT_TERMINATED'));
    const self = testContext({ actor: { accountId: 'a-1', partnerId: null, roles: ['security-officer'] } });
    given(decideChangeAccount)
      .given([requested, activated])
      .when({ accountId: 'a-1', change: 'name', legalName: 'x', activeSecurityOfficers: 2 }, self)
      .thenThrows(refused('SELF_AUTHORISATION'));
  });
});
