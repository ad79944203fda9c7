import { randomUUID } from 'node:crypto';
import { EventStore } from '@ledger/event-sourcing';
import {
  AcceptReferral,
  CancelReferral,
  CloseReferral,
  MakeReferral,
  ReassignReferral,
  RecordOutcome,
  RejectReferral,
  referralStream,
  referrals,
  ScheduleAppointment,
  StartReferral,
} from '@ledger/ledger';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Requires } from '../auth/requires.decorator';
import { AssignmentDto } from '../cases/case.dto';
import { CommandDto } from '../http/command.dto';
import { CommandGateway } from '../http/command-gateway';
import { UuidParam } from '../http/params';
import { fail } from '../http/problem';
import { readRecord } from '../http/records';
import {
  AppointmentDto,
  CancellationDto,
  ClosureDto,
  MakeReferralDto,
  OutcomeDto,
  RejectReferralDto,
} from './referral.dto';

const customerRecord = { workReasonRequired: true };

@Controller('api/v1/referrals')
export class ReferralsController {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Requires('referrals:write')
  make(@Body() dto: MakeReferralDto, @Req() request: LedgerRequest) {
    const {
      referralId = randomUUID(),
      customerId,
      fromPartnerId,
      toPartnerId,
      serviceId,
      reason,
      consentId,
    } = dto;
    const payload = {
      referralId,
      customerId,
      fromPartnerId,
      toPartnerId,
      serviceId,
      reason,
      individualizedDetermination: dto.individualizedDetermination,
      consentId,
      sharedCategories: dto.sharedCategories,
    };
    return this.gateway.run(request, MakeReferral, payload, customerRecord);
  }

  @Get(':id')
  @Requires('referrals:write')
  async read(
    @UuidParam('id') id: string,
    @Req() request: LedgerRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const state = await readRecord(this.store, referralStream(id), referrals, reply);
    const partner = request.actor!.partnerId;
    if (partner !== state.fromPartnerId && partner !== state.toPartnerId) {
      throw fail(403, 'your partner is neither side of this referral', { code: 'WRONG_PARTNER' });
    }
    return state;
  }

  @Post(':id/acceptance')
  @HttpCode(200)
  @Requires('referrals:write')
  accept(@UuidParam('id') referralId: string, @Body() _dto: CommandDto, @Req() request: LedgerRequest) {
    return this.gateway.run(request, AcceptReferral, { referralId }, customerRecord);
  }

  @Post(':id/rejection')
  @HttpCode(200)
  @Requires('referrals:write')
  reject(@UuidParam('id') referralId: string, @Body() dto: RejectReferralDto, @Req() request: LedgerRequest) {
    return this.gateway.run(
      request,
      RejectReferral,
      { referralId, reasonCode: dto.reasonCode, reason: dto.reason },
      customerRecord,
    );
  }

  @Post(':id/appointments')
  @HttpCode(200)
  @Requires('referrals:write')
  appointment(
    @UuidParam('id') referralId: string,
    @Body() dto: AppointmentDto,
    @Req() request: LedgerRequest,
  ) {
    return this.gateway.run(request, ScheduleAppointment, { referralId, at: dto.at }, customerRecord);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Requires('referrals:write')
  start(@UuidParam('id') referralId: string, @Body() _dto: CommandDto, @Req() request: LedgerRequest) {
    return this.gateway.run(request, StartReferral, { referralId }, customerRecord);
  }

  @Post(':id/outcome')
  @HttpCode(200)
  @Requires('referrals:write')
  outcome(@UuidParam('id') referralId: string, @Body() dto: OutcomeDto, @Req() request: LedgerRequest) {
    const payload = { referralId, status: dto.status, outcome: dto.outcome, details: dto.details };
    return this.gateway.run(request, RecordOutcome, payload, customerRecord);
  }

  @Post(':id/closure')
  @HttpCode(200)
  @Requires('referrals:write')
  close(@UuidParam('id') referralId: string, @Body() dto: ClosureDto, @Req() request: LedgerRequest) {
    return this.gateway.run(request, CloseReferral, { referralId, note: dto.note }, customerRecord);
  }

  @Post(':id/cancellation')
  @HttpCode(200)
  @Requires('referrals:write')
  cancel(@UuidParam('id') referralId: string, @Body() dto: CancellationDto, @Req() request: LedgerRequest) {
    return this.gateway.run(request, CancelReferral, { referralId, reason: dto.reason }, customerRecord);
  }

  @Post(':id/assignment')
  @HttpCode(200)
  @Requires('work:reassign')
  assign(@UuidParam('id') referralId: string, @Body() dto: AssignmentDto, @Req() request: LedgerRequest) {
    return this.gateway.run(
      request,
      ReassignReferral,
      { referralId, accountId: dto.accountId },
      customerRecord,
    );
  }
}
