import { streamHandler } from '../shared/stream-handler';
import { accountStream, accounts } from './account';
import { ActivateAccount, decideActivateAccount } from './activate-account/activate-account.command';
import { ChangeAccountHandler } from './change-account/change-account.handler';
import { RequestAccountHandler } from './request-account/request-account.handler';

export const accountHandlers = [
  RequestAccountHandler,
  ChangeAccountHandler,
  streamHandler(
    ActivateAccount,
    (p) => accountStream(p.accountId),
    accounts,
    decideActivateAccount,
    (p) => ({ id: p.accountId }),
  ),
];
