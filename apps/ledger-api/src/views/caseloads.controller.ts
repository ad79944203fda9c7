import { partnerCaseload, workerCaseload } from '@ledger/ledger';
import { permissionsOf } from '@ledger/security';
import { Controller, Get, Req } from '@nestjs/common';
import { AccountDirectory } from '../auth/account-directory';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Requires } from '../auth/requires.decorator';
import { UuidParam } from '../http/params';
import { fail } from '../http/problem';
import { ReadModels } from './read-models';
import { parseQuery, Queries } from './view-request';

const wrongPartner = (detail: string) => fail(403, detail, { code: 'WRONG_PARTNER' });

/**
 * Caseloads (api.md documents): one's own, or, with `caseloads:partner`, any worker's of one's own partner
 * and the partner's as a whole. No names are shown (customerName is null), so no access is recorded.
 */
@Controller('api/v1/caseloads')
export class CaseloadsController {
  constructor(
    private readonly views: ReadModels,
    private readonly accounts: AccountDirectory,
  ) {}

  @Get('workers/:accountId')
  @Requires('caseloads:own')
  @Queries()
  async worker(@UuidParam('accountId') accountId: string, @Req() request: LedgerRequest) {
    const query = request.query as Record<string, unknown>;
    parseQuery(query, {});
    const actor = request.actor!;
    if (accountId !== actor.accountId) {
      if (!permissionsOf(actor.roles).has('caseloads:partner'))
        throw fail(403, 'only your own caseload: your roles do not grant caseloads:partner', {
          code: 'OUT_OF_SCOPE',
        });
      const worker = await this.accounts.get(accountId);
      if (!worker) throw fail(404, `account ${accountId} does not exist`, { code: 'NOT_FOUND' });
      if (!actor.partnerId || worker.partnerId !== actor.partnerId)
        throw wrongPartner("that worker is not of your partner: only your own partner's caseloads");
    }
    const { database, time } = await this.views.forQuery(query);
    return workerCaseload(database, { accountId, partnerId: actor.partnerId }, time);
  }

  @Get('partners/:partnerId')
  @Requires('caseloads:partner')
  @Queries()
  async partner(@UuidParam('partnerId') partnerId: string, @Req() request: LedgerRequest) {
    const query = request.query as Record<string, unknown>;
    parseQuery(query, {});
    if (request.actor!.partnerId !== partnerId) throw wrongPartner("only your own partner's caseloads");
    const { database, time } = await this.views.forQuery(query);
    return partnerCaseload(database, partnerId, time);
  }
}
