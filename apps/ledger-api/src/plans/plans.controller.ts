import { randomUUID } from 'node:crypto';
import { EventStore } from '@ledger/event-sourcing';
import {
  ClosePlan,
  CompleteActionItem,
  CreateActionItem,
  CreatePlan,
  planStream,
  plans,
  ReassignPlan,
  ReviewPlan,
  SetPlanGoals,
  SignPlan,
} from '@ledger/ledger';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Requires } from '../auth/requires.decorator';
import { AssignmentDto } from '../cases/case.dto';
import { CommandGateway } from '../http/command-gateway';
import { UuidParam } from '../http/params';
import { fail } from '../http/problem';
import { readRecord } from '../http/records';
import {
  ClosePlanDto,
  CreateActionItemDto,
  CreatePlanDto,
  EmptyCommandDto,
  ReviewPlanDto,
  SetGoalsDto,
  SignPlanDto,
} from './plan.dto';

const customerRecord = { workReasonRequired: true };

/** A plan's life apart from its activities (plan-activities.controller.ts). */
@Controller('api/v1/plans')
export class PlansController {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Requires('plans:write')
  create(@Body() dto: CreatePlanDto, @Req() request: LedgerRequest) {
    const { planId = randomUUID(), customerId, partnerId, kind, goals, customerParticipation } = dto;
    const { present, customerGoals } = customerParticipation;
    const payload = {
      planId,
      customerId,
      partnerId,
      kind,
      goals: [...goals],
      customerParticipation: customerGoals === undefined ? { present } : { present, customerGoals },
    };
    return this.gateway.run(request, CreatePlan, payload, customerRecord);
  }

  /** The plan as projected; goals, the customer's words, descriptions and notes stay sealed in the events. */
  @Get(':id')
  @Requires('plans:write')
  async read(
    @UuidParam('id') id: string,
    @Req() request: LedgerRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const state = await readRecord(this.store, planStream(id), plans, reply);
    if (state.partnerId !== request.actor!.partnerId) {
      throw fail(403, 'this plan belongs to another partner', { code: 'WRONG_PARTNER' });
    }
    return state;
  }

  @Post(':id/goals')
  @HttpCode(200)
  @Requires('plans:write')
  goals(@UuidParam('id') planId: string, @Body() dto: SetGoalsDto, @Req() request: LedgerRequest) {
    return this.gateway.run(request, SetPlanGoals, { planId, goals: [...dto.goals] }, customerRecord);
  }

  @Post(':id/action-items')
  @HttpCode(201)
  @Requires('plans:write')
  actionItem(
    @UuidParam('id') planId: string,
    @Body() dto: CreateActionItemDto,
    @Req() request: LedgerRequest,
  ) {
    const { itemId = randomUUID(), assignee, description, dueDate } = dto;
    const payload = { planId, itemId, assignee, description, dueDate };
    return this.gateway.run(request, CreateActionItem, payload, customerRecord);
  }

  @Post(':id/action-items/:itemId/completion')
  @HttpCode(200)
  @Requires('plans:write')
  complete(
    @UuidParam('id') planId: string,
    @UuidParam('itemId') itemId: string,
    @Body() _dto: EmptyCommandDto,
    @Req() request: LedgerRequest,
  ) {
    return this.gateway.run(request, CompleteActionItem, { planId, itemId }, customerRecord);
  }

  @Post(':id/signatures')
  @HttpCode(200)
  @Requires('plans:write')
  sign(@UuidParam('id') planId: string, @Body() dto: SignPlanDto, @Req() request: LedgerRequest) {
    return this.gateway.run(request, SignPlan, { planId, signer: dto.signer }, customerRecord);
  }

  @Post(':id/reviews')
  @HttpCode(200)
  @Requires('plans:write')
  review(@UuidParam('id') planId: string, @Body() dto: ReviewPlanDto, @Req() request: LedgerRequest) {
    const payload = { planId, notes: dto.notes, nextReviewDue: dto.nextReviewDue };
    return this.gateway.run(request, ReviewPlan, payload, customerRecord);
  }

  @Post(':id/closure')
  @HttpCode(200)
  @Requires('plans:write')
  close(@UuidParam('id') planId: string, @Body() dto: ClosePlanDto, @Req() request: LedgerRequest) {
    return this.gateway.run(request, ClosePlan, { planId, reason: dto.reason }, customerRecord);
  }

  @Post(':id/assignment')
  @HttpCode(200)
  @Requires('work:reassign')
  assign(@UuidParam('id') planId: string, @Body() dto: AssignmentDto, @Req() request: LedgerRequest) {
    return this.gateway.run(request, ReassignPlan, { planId, accountId: dto.accountId }, customerRecord);
  }
}
