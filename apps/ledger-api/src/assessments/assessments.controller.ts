import { randomUUID } from 'node:crypto';
import { EventStore } from '@ledger/event-sourcing';
import {
  assessmentStream,
  assessments,
  RecordAssessment,
  ShareAssessment,
  SupersedeAssessment,
} from '@ledger/ledger';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Requires } from '../auth/requires.decorator';
import { CommandGateway } from '../http/command-gateway';
import { UuidParam } from '../http/params';
import { fail } from '../http/problem';
import { readRecord } from '../http/records';
import { RecordAssessmentDto, ShareAssessmentDto, SupersedeAssessmentDto } from './assessment.dto';

const customerRecord = { workReasonRequired: true };

@Controller('api/v1/assessments')
export class AssessmentsController {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Requires('assessments:write')
  record(@Body() dto: RecordAssessmentDto, @Req() request: LedgerRequest) {
    const {
      assessmentId = randomUUID(),
      customerId,
      partnerId,
      kind,
      instrument,
      performedAt,
      findings,
    } = dto;
    const plainFindings = {
      strengths: findings.strengths,
      needs: findings.needs,
      barriers: findings.barriers,
    };
    const payload = {
      assessmentId,
      customerId,
      partnerId,
      kind,
      instrument,
      performedAt,
      findings: plainFindings,
    };
    return this.gateway.run(request, RecordAssessment, payload, customerRecord);
  }

  /** The record without its findings: they are sealed, and read through the customer's views. */
  @Get(':id')
  @Requires('assessments:write')
  async read(
    @UuidParam('id') id: string,
    @Req() request: LedgerRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const state = await readRecord(this.store, assessmentStream(id), assessments, reply);
    const partner = request.actor!.partnerId;
    if (state.partnerId !== partner && !state.sharedWith.includes(partner ?? '')) {
      throw fail(403, 'this assessment was neither recorded by nor shared with your partner', {
        code: 'WRONG_PARTNER',
      });
    }
    return state;
  }

  @Post(':id/shares')
  @HttpCode(200)
  @Requires('assessments:write')
  share(
    @UuidParam('id') assessmentId: string,
    @Body() dto: ShareAssessmentDto,
    @Req() request: LedgerRequest,
  ) {
    return this.gateway.run(
      request,
      ShareAssessment,
      { assessmentId, partnerId: dto.partnerId, consentId: dto.consentId },
      customerRecord,
    );
  }

  @Post(':id/supersession')
  @HttpCode(200)
  @Requires('assessments:write')
  supersede(
    @UuidParam('id') assessmentId: string,
    @Body() dto: SupersedeAssessmentDto,
    @Req() request: LedgerRequest,
  ) {
    const payload = { assessmentId, reason: dto.reason, supersededBy: dto.supersededBy };
    return this.gateway.run(request, SupersedeAssessment, payload, customerRecord);
  }
}
