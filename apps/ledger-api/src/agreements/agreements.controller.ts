import { randomUUID } from 'node:crypto';
import { EventStore } from '@ledger/event-sourcing';
import {
  AmendAgreement,
  agreementStream,
  agreements,
  RecordAgreement,
  SignAgreement,
  TerminateAgreement,
} from '@ledger/ledger';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Requires } from '../auth/requires.decorator';
import { CommandDto } from '../http/command.dto';
import { CommandGateway } from '../http/command-gateway';
import { UuidParam } from '../http/params';
import { readRecord } from '../http/records';
import { AmendAgreementDto, RecordAgreementDto, TerminateAgreementDto } from './agreement.dto';

@Controller('api/v1/agreements')
export class AgreementsController {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Requires('agreements:write')
  record(@Body() dto: RecordAgreementDto, @Req() request: LedgerRequest) {
    const {
      agreementId = randomUUID(),
      title,
      parties,
      referrals,
      dataSharing,
      effectiveFrom,
      effectiveTo,
    } = dto;
    const plain = <T>(items: T[]) => items.map((item) => ({ ...item }));
    return this.gateway.run(request, RecordAgreement, {
      agreementId,
      title,
      parties,
      referrals: plain(referrals),
      dataSharing: plain(dataSharing),
      effectiveFrom,
      effectiveTo,
    });
  }

  @Get(':id')
  @Requires('partners:read')
  read(@UuidParam('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return readRecord(this.store, agreementStream(id), agreements, reply);
  }

  @Post(':id/signatures')
  @HttpCode(200)
  @Requires('agreements:write')
  sign(@UuidParam('id') agreementId: string, @Body() _dto: CommandDto, @Req() request: LedgerRequest) {
    return this.gateway.run(request, SignAgreement, { agreementId });
  }

  @Post(':id/amendments')
  @HttpCode(200)
  @Requires('agreements:write')
  amend(@UuidParam('id') agreementId: string, @Body() dto: AmendAgreementDto, @Req() request: LedgerRequest) {
    const { reason, workReason: _w, occurredAt: _o, ...changes } = dto;
    const plain = JSON.parse(JSON.stringify(changes));
    return this.gateway.run(request, AmendAgreement, { agreementId, changes: plain, reason });
  }

  @Post(':id/termination')
  @HttpCode(200)
  @Requires('agreements:write')
  terminate(
    @UuidParam('id') agreementId: string,
    @Body() dto: TerminateAgreementDto,
    @Req() request: LedgerRequest,
  ) {
    return this.gateway.run(request, TerminateAgreement, {
      agreementId,
      effectiveTo: dto.effectiveTo,
      reason: dto.reason,
    });
  }
}
