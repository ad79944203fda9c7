import { AccountAudit, ResolveFinding } from '@ledger/ledger';
import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Requires } from '../auth/requires.decorator';
import { Clock } from '../http/clock';
import { CommandDto } from '../http/command.dto';
import { CommandGateway } from '../http/command-gateway';
import { answerList, pageRequest } from '../http/listing';
import { UuidParam } from '../http/params';
import { fail } from '../http/problem';

export class ResolutionDto extends CommandDto {
  @IsString() @IsNotEmpty() @MaxLength(4000) resolution!: string;
}

/** The account audit: each account's trail and the compliance findings, for security officers and auditors. */
@Controller('api/v1/audit')
export class AccountAuditController {
  constructor(
    private readonly audit: AccountAudit,
    private readonly gateway: CommandGateway,
    private readonly clock: Clock,
  ) {}

  @Get('accounts/:id/trail')
  @Requires('audit:accounts')
  async trail(
    @UuidParam('id') accountId: string,
    @Query() query: { limit?: string; cursor?: string },
    @Req() request: LedgerRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = pageRequest(query);
    const trail = await this.audit.trail(accountId);
    if (!trail) throw fail(404, `account ${accountId} does not exist`, { code: 'NOT_FOUND' });
    return answerList(trail, page, request, reply);
  }

  @Get('findings')
  @Requires('audit:accounts')
  async findings(
    @Query() query: { kind?: string; accountId?: string; status?: string; limit?: string; cursor?: string },
    @Req() request: LedgerRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = pageRequest(query);
    const all = (await this.audit.findings(this.clock.now()))
      .filter(
        (f) =>
          (!query.kind || f.kind === query.kind) && (!query.accountId || f.accountId === query.accountId),
      )
      .filter((f) => !query.status || f.status === query.status)
      .sort((a, b) => a.detectedAt.localeCompare(b.detectedAt) || a.findingId.localeCompare(b.findingId));
    return answerList(all, page, request, reply);
  }

  @Post('findings/:findingId/resolution')
  @HttpCode(200)
  @Requires('accounts:manage')
  async resolve(
    @UuidParam('findingId') findingId: string,
    @Body() dto: ResolutionDto,
    @Req() request: LedgerRequest,
  ) {
    const known = (await this.audit.findings(this.clock.now())).some((f) => f.findingId === findingId);
    if (!known) throw fail(404, `no account finding ${findingId}`, { code: 'NOT_FOUND' });
    return this.gateway.run(request, ResolveFinding, { findingId, resolution: dto.resolution });
  }
}
