import { type Actor } from '@ledger/event-sourcing';
import { DismissFinding, type DuplicateFinding, DuplicateFindings } from '@ledger/ledger';
import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Requires } from '../auth/requires.decorator';
import { CommandDto } from '../http/command.dto';
import { CommandGateway } from '../http/command-gateway';
import { answerList, pageRequest } from '../http/listing';
import { UuidParam } from '../http/params';
import { fail } from '../http/problem';

export class DismissalDto extends CommandDto {
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export const DUPLICATE_KINDS = ['customer', 'assessment', 'plan-activity', 'referral'];

/** The findings as the list answers them: of a kind and status when asked, by id, without the customers. */
export function duplicateListing(findings: DuplicateFinding[], query: { kind?: string; status?: string }) {
  return findings
    .filter((f) => !query.kind || f.kind === query.kind)
    .filter((f) => !query.status || f.status === query.status)
    .sort((a, b) => a.findingId.localeCompare(b.findingId))
    .map(({ customerIds: _c, ...finding }) => finding);
}

@Controller('api/v1/duplicates')
export class DuplicatesController {
  constructor(
    private readonly findings: DuplicateFindings,
    private readonly gateway: CommandGateway,
  ) {}

  /** Duplication findings (*list*), cut to the caller's partner unless it has none (auditors, analysts). */
  @Get()
  @Requires('duplicates:read')
  async list(
    @Query() query: { kind?: string; status?: string; limit?: string; cursor?: string },
    @Req() request: LedgerRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (query.kind !== undefined && !DUPLICATE_KINDS.includes(query.kind)) {
      throw fail(400, `kind must be one of ${DUPLICATE_KINDS.join(', ')}`, {
        errors: [{ field: 'kind', message: 'unknown kind' }],
      });
    }
    const page = pageRequest(query);
    const all = duplicateListing(await this.visible(request.actor!), query);
    return answerList(all, page, request, reply);
  }

  @Post(':findingId/dismissal')
  @HttpCode(200)
  @Requires('duplicates:dismiss')
  async dismiss(
    @UuidParam('findingId') findingId: string,
    @Body() dto: DismissalDto,
    @Req() request: LedgerRequest,
  ) {
    const finding = (await this.visible(request.actor!)).find((f) => f.findingId === findingId);
    if (!finding) throw fail(404, `no finding ${findingId} that your partner may see`, { code: 'NOT_FOUND' });
    return this.gateway.run(request, DismissFinding, { findingId, reason: dto.reason });
  }

  private async visible(actor: Actor): Promise<DuplicateFinding[]> {
    const all = await this.findings.list();
    const partnerId = actor.partnerId;
    if (partnerId === null) return all;
    return all.filter((f) =>
      f.kind === 'customer'
        ? f.customerIds.some((c) => this.findings.registrantOf(c) === partnerId)
        : JSON.stringify(f.evidence).includes(`"${partnerId}"`),
    );
  }
}
