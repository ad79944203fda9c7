import {
  type ReportFilter,
  referralReport,
  serviceIntegrationReport,
  timelinessReport,
} from '@ledger/ledger';
import { Controller, Get, Req } from '@nestjs/common';
import type { LedgerRequest } from '../auth/authentication.guard';
import { NoWorkReason, Requires } from '../auth/requires.decorator';
import { fail } from '../http/problem';
import { ReadModels } from './read-models';
import { checkRange, parseQuery, Queries, reportDates, seesAllPartners, uuid, word } from './view-request';

/**
 * Reports (api.md documents, `?partnerId=&program=&from=&to=`; the referral figures take no program).
 * Analysts and auditors report on any partner or all; supervisors and QC staff on their own partner only,
 * which is also the default for them.
 */
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly views: ReadModels) {}

  @Get('referrals')
  @Requires('reports:read')
  @Queries('partnerId', 'from', 'to')
  @NoWorkReason()
  async referrals(@Req() request: LedgerRequest) {
    const { filter, database, time } = await this.filter(request, false);
    return referralReport(database, filter, time.timeZone);
  }

  @Get('timeliness')
  @Requires('reports:read')
  @Queries('partnerId', 'program', 'from', 'to')
  @NoWorkReason()
  async timeliness(@Req() request: LedgerRequest) {
    const { filter, database, time } = await this.filter(request, true);
    return timelinessReport(database, filter, time);
  }

  @Get('service-integration')
  @Requires('reports:read')
  @Queries('partnerId', 'program', 'from', 'to')
  @NoWorkReason()
  async serviceIntegration(@Req() request: LedgerRequest) {
    const { filter, database, time } = await this.filter(request, true);
    const settings = { timeZone: time.timeZone, assessmentReuseDays: this.views.assessmentReuseDays };
    return serviceIntegrationReport(database, filter, settings);
  }

  /** The report's filter, checked and cut to what the caller may see, and the views it reads. */
  private async filter(request: LedgerRequest, withProgram: boolean) {
    const query = request.query as Record<string, unknown>;
    const date = reportDates(this.views.time().timeZone);
    const filter: ReportFilter = parseQuery(query, {
      partnerId: uuid,
      from: date,
      to: date,
      ...(withProgram ? { program: word } : {}),
    });
    checkRange(filter);
    const actor = request.actor!;
    if (!seesAllPartners(actor.roles)) {
      if (filter.partnerId && filter.partnerId !== actor.partnerId)
        throw fail(403, "only your own partner's figures", { code: 'WRONG_PARTNER' });
      filter.partnerId = actor.partnerId ?? undefined;
      if (!filter.partnerId)
        throw fail(403, 'an account without a partner reports on none', { code: 'WRONG_PARTNER' });
    }
    return { filter, ...(await this.views.forQuery(query)) };
  }
}
