import { randomUUID } from 'node:crypto';
import { EventStore } from '@ledger/event-sourcing';
import {
  CorrectCaseStep,
  caseStream,
  cases,
  DetermineEligibility,
  Enroll,
  ExitProgram,
  ReassignCase,
  ReceiveApplication,
  ScheduleInterview,
} from '@ledger/ledger';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Requires } from '../auth/requires.decorator';
import { CommandGateway } from '../http/command-gateway';
import { isTimestamp } from '../http/formats';
import { UuidParam } from '../http/params';
import { fail } from '../http/problem';
import { readRecord } from '../http/records';
import {
  AssignmentDto,
  CorrectCaseStepDto,
  DetermineEligibilityDto,
  EnrollDto,
  ExitDto,
  ReceiveApplicationDto,
  ScheduleInterviewDto,
} from './case.dto';

const customerRecord = { workReasonRequired: true };

const STEP_TIMES = ['receivedAt', 'scheduledFor', 'decidedAt', 'enrolledAt', 'exitedAt'];
const stepTime = (data: Record<string, unknown>) =>
  STEP_TIMES.map((f) => data[f]).find((v) => v !== undefined);

@Controller('api/v1/cases')
export class CasesController {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Requires('cases:intake')
  receive(@Body() dto: ReceiveApplicationDto, @Req() request: LedgerRequest) {
    const { caseId = randomUUID(), customerId, partnerId, program, receivedAt, channel } = dto;
    const payload = { caseId, customerId, partnerId, program, receivedAt, channel };
    return this.gateway.run(request, ReceiveApplication, payload, customerRecord);
  }

  @Get(':id')
  @Requires('cases:intake')
  async read(
    @UuidParam('id') id: string,
    @Req() request: LedgerRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const state = await readRecord(this.store, caseStream(id), cases, reply);
    if (state.partnerId !== request.actor!.partnerId) {
      throw fail(403, 'this case belongs to another partner', { code: 'WRONG_PARTNER' });
    }
    // The steps with their event ids, so a mistaken one can be corrected by naming it.
    const steps = (await this.store.readStream(caseStream(id))).map((e) => ({
      eventId: e.eventId,
      type: e.type,
      revision: e.revision,
      at: stepTime(e.data as Record<string, unknown>),
      recordedAt: e.metadata.recordedAt,
    }));
    return { ...state, steps };
  }

  @Post(':id/interviews')
  @HttpCode(200)
  @Requires('cases:intake')
  interview(
    @UuidParam('id') caseId: string,
    @Body() dto: ScheduleInterviewDto,
    @Req() request: LedgerRequest,
  ) {
    return this.gateway.run(
      request,
      ScheduleInterview,
      { caseId, scheduledFor: dto.scheduledFor },
      customerRecord,
    );
  }

  @Post(':id/eligibility')
  @HttpCode(200)
  @Requires('cases:write')
  eligibility(
    @UuidParam('id') caseId: string,
    @Body() dto: DetermineEligibilityDto,
    @Req() request: LedgerRequest,
  ) {
    const payload = { caseId, eligible: dto.eligible, decidedAt: dto.decidedAt, reasons: dto.reasons ?? [] };
    return this.gateway.run(request, DetermineEligibility, payload, customerRecord);
  }

  @Post(':id/enrollment')
  @HttpCode(200)
  @Requires('cases:write')
  enroll(@UuidParam('id') caseId: string, @Body() dto: EnrollDto, @Req() request: LedgerRequest) {
    return this.gateway.run(request, Enroll, { caseId, enrolledAt: dto.enrolledAt }, customerRecord);
  }

  @Post(':id/exit')
  @HttpCode(200)
  @Requires('cases:write')
  exit(@UuidParam('id') caseId: string, @Body() dto: ExitDto, @Req() request: LedgerRequest) {
    return this.gateway.run(
      request,
      ExitProgram,
      { caseId, exitedAt: dto.exitedAt, reason: dto.reason },
      customerRecord,
    );
  }

  @Post(':id/corrections')
  @HttpCode(200)
  @Requires('cases:write')
  correct(@UuidParam('id') caseId: string, @Body() dto: CorrectCaseStepDto, @Req() request: LedgerRequest) {
    if (dto.field.endsWith('At') || dto.field === 'scheduledFor') {
      if (!isTimestamp(dto.value))
        throw fail(400, 'value must be a timestamp', {
          errors: [{ field: 'value', message: 'must be a timestamp with an offset or Z' }],
        });
    }
    const payload = { caseId, eventId: dto.eventId, field: dto.field, value: dto.value, reason: dto.reason };
    return this.gateway.run(request, CorrectCaseStep, payload, customerRecord);
  }

  @Post(':id/assignment')
  @HttpCode(200)
  @Requires('work:reassign')
  assign(@UuidParam('id') caseId: string, @Body() dto: AssignmentDto, @Req() request: LedgerRequest) {
    return this.gateway.run(request, ReassignCase, { caseId, accountId: dto.accountId }, customerRecord);
  }
}
