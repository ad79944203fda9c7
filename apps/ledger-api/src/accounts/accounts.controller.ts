import { randomUUID } from 'node:crypto';
import { EventStore } from '@ledger/event-sourcing';
import { ActivateAccount, accountStream, accounts, RequestAccount } from '@ledger/ledger';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Requires } from '../auth/requires.decorator';
import { CommandDto } from '../http/command.dto';
import { CommandGateway } from '../http/command-gateway';
import { UuidParam } from '../http/params';
import { fail } from '../http/problem';
import { readRecord } from '../http/records';
import { RequestAccountDto } from './account.dto';

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
      throw fail(403, 'you may read your own account only', { code: 'PERMISSION_DENIED' });
    }
    return readRecord(this.store, accountStream(id), accounts, reply);
  }

  @Post(':id/activation')
  @HttpCode(200)
  @Requires('accounts:manage')
  activate(@UuidParam('id') accountId: string, @Body() _dto: CommandDto, @Req() request: LedgerRequest) {
    return this.gateway.run(request, ActivateAccount, { accountId });
  }
}
