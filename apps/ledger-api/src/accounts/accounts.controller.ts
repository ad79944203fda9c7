import { randomUUID } from 'node:crypto';
import { EventStore } from '@ledger/event-sourcing';
import {
  ActivateAccount,
  accountStream,
  accounts,
  ChangeAccount,
  type ChangeAccountPayload,
  RequestAccount,
} from '@ledger/ledger';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Requires } from '../auth/requires.decorator';
import { CommandDto } from '../http/command.dto';
import { CommandGateway } from '../http/command-gateway';
import { UuidParam } from '../http/params';
import { fail } from '../http/problem';
import { readRecord } from '../http/records';
import {
  AccountReasonDto,
  DepartureDto,
  NameDto,
  RequestAccountDto,
  ReviewDto,
  RolesDto,
  TerminationDto,
} from './account.dto';

@Controller('api/v1/accounts')
export class AccountsController {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Requires('accounts:request')
  request(@Body() dto: RequestAccountDto, @Req() request: LedgerRequest) {
    const { accountId = randomUUID(), legalName, partnerId, email, roles } = dto;
    return this.gateway.run(request, RequestAccount, {
      accountId,
      legalName,
      partnerId: partnerId ?? null,
      email,
      roles,
    });
  }

  @Get(':id')
  @Requires('directory:read')
  async read(
    @UuidParam('id') id: string,
    @Req() request: LedgerRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const actor = request.actor!;
    const own = id === actor.accountId;
    if (!own && !actor.roles.includes('security-officer')) {
      throw fail(403, 'you may read your own account only', { code: 'OUT_OF_SCOPE' });
    }
    return readRecord(this.store, accountStream(id), accounts, reply);
  }

  @Post(':id/roles')
  @HttpCode(200)
  @Requires('accounts:manage')
  roles(@UuidParam('id') accountId: string, @Body() dto: RolesDto, @Req() request: LedgerRequest) {
    return this.change(request, { accountId, change: 'roles', roles: dto.roles });
  }

  @Post(':id/name')
  @HttpCode(200)
  @Requires('accounts:manage')
  name(@UuidParam('id') accountId: string, @Body() dto: NameDto, @Req() request: LedgerRequest) {
    return this.change(request, { accountId, change: 'name', legalName: dto.legalName });
  }

  @Post(':id/departure')
  @HttpCode(200)
  @Requires('accounts:manage')
  departure(@UuidParam('id') accountId: string, @Body() dto: DepartureDto, @Req() request: LedgerRequest) {
    return this.change(request, { accountId, change: 'departure', departedAt: dto.departedAt });
  }

  @Post(':id/termination')
  @HttpCode(200)
  @Requires('accounts:manage')
  terminate(@UuidParam('id') accountId: string, @Body() dto: TerminationDto, @Req() request: LedgerRequest) {
    return this.change(request, { accountId, change: 'termination', reason: dto.reason });
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Requires('accounts:manage')
  disable(@UuidParam('id') accountId: string, @Body() dto: AccountReasonDto, @Req() request: LedgerRequest) {
    return this.change(request, { accountId, change: 'disable', reason: dto.reason });
  }

  @Post(':id/reenable')
  @HttpCode(200)
  @Requires('accounts:manage')
  reenable(@UuidParam('id') accountId: string, @Body() dto: AccountReasonDto, @Req() request: LedgerRequest) {
    return this.change(request, { accountId, change: 'reenable', reason: dto.reason });
  }

  @Post(':id/reviews')
  @HttpCode(200)
  @Requires('accounts:manage')
  review(@UuidParam('id') accountId: string, @Body() dto: ReviewDto, @Req() request: LedgerRequest) {
    return this.change(request, { accountId, change: 'review', decision: dto.decision, notes: dto.notes });
  }

  private change(request: LedgerRequest, payload: ChangeAccountPayload) {
    return this.gateway.run(request, ChangeAccount, payload);
  }

  @Post(':id/activation')
  @HttpCode(200)
  @Requires('accounts:manage')
  activate(@UuidParam('id') accountId: string, @Body() _dto: CommandDto, @Req() request: LedgerRequest) {
    return this.gateway.run(request, ActivateAccount, { accountId });
  }
}
