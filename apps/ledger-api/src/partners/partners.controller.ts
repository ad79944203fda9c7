import { randomUUID } from 'node:crypto';
import { EventStore } from '@ledger/event-sourcing';
import {
  ChangePartnerPrograms,
  DeactivatePartner,
  ListService,
  type PartnerKind,
  partnerStream,
  partners,
  RegisterPartner,
  UpdateService,
  WithdrawService,
} from '@ledger/ledger';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Requires } from '../auth/requires.decorator';
import { CommandGateway } from '../http/command-gateway';
import { UuidParam } from '../http/params';
import { readRecord } from '../http/records';
import {
  ChangeProgramsDto,
  ReasonDto,
  RegisterPartnerDto,
  ServiceChangesDto,
  ServiceDto,
} from './partner.dto';

const withoutEnvelope = <T extends { workReason?: string; occurredAt?: string }>({
  workReason: _w,
  occurredAt: _o,
  ...rest
}: T) => rest;

@Controller('api/v1/partners')
export class PartnersController {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Requires('partners:write')
  register(@Body() dto: RegisterPartnerDto, @Req() request: LedgerRequest) {
    const { partnerId = randomUUID(), name, kind, programs } = dto;
    return this.gateway.run(request, RegisterPartner, {
      partnerId,
      name,
      kind: kind as PartnerKind,
      programs,
    });
  }

  @Get(':id')
  @Requires('partners:read')
  read(@UuidParam('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return readRecord(this.store, partnerStream(id), partners, reply);
  }

  @Post(':id/services')
  @HttpCode(201)
  @Requires('partners:write')
  listService(@UuidParam('id') partnerId: string, @Body() dto: ServiceDto, @Req() request: LedgerRequest) {
    const { serviceId = randomUUID(), ...listing } = withoutEnvelope(dto);
    return this.gateway.run(request, ListService, { ...listing, partnerId, serviceId });
  }

  @Post(':id/services/:serviceId/changes')
  @HttpCode(200)
  @Requires('partners:write')
  updateService(
    @UuidParam('id') partnerId: string,
    @UuidParam('serviceId') serviceId: string,
    @Body() dto: ServiceChangesDto,
    @Req() request: LedgerRequest,
  ) {
    return this.gateway.run(request, UpdateService, { partnerId, serviceId, changes: withoutEnvelope(dto) });
  }

  @Post(':id/services/:serviceId/withdrawal')
  @HttpCode(200)
  @Requires('partners:write')
  withdrawService(
    @UuidParam('id') partnerId: string,
    @UuidParam('serviceId') serviceId: string,
    @Body() dto: ReasonDto,
    @Req() request: LedgerRequest,
  ) {
    return this.gateway.run(request, WithdrawService, { partnerId, serviceId, reason: dto.reason });
  }

  @Post(':id/programs')
  @HttpCode(200)
  @Requires('partners:write')
  changePrograms(
    @UuidParam('id') partnerId: string,
    @Body() dto: ChangeProgramsDto,
    @Req() request: LedgerRequest,
  ) {
    return this.gateway.run(request, ChangePartnerPrograms, { partnerId, programs: dto.programs });
  }

  @Post(':id/deactivation')
  @HttpCode(200)
  @Requires('partners:write')
  deactivate(@UuidParam('id') partnerId: string, @Body() dto: ReasonDto, @Req() request: LedgerRequest) {
    return this.gateway.run(request, DeactivatePartner, { partnerId, reason: dto.reason });
  }
}
