import { randomUUID } from 'node:crypto';
import { type ActivitySchedule, AssignActivity, ChangeActivity, EndActivity } from '@ledger/ledger';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Requires } from '../auth/requires.decorator';
import { CommandGateway } from '../http/command-gateway';
import { UuidParam } from '../http/params';
import { AssignActivityDto, ChangeActivityDto, EndActivityDto } from './plan.dto';

const customerRecord = { workReasonRequired: true };

const acknowledgement = (dto: { acknowledgedConflicts?: { reason: string } }) =>
  dto.acknowledgedConflicts ? { acknowledgedConflicts: { reason: dto.acknowledgedConflicts.reason } } : {};

/** A plan's activities: every assignment or change is checked against the customer's open plans. */
@Controller('api/v1/plans')
export class PlanActivitiesController {
  constructor(private readonly gateway: CommandGateway) {}

  @Post(':id/activities')
  @HttpCode(201)
  @Requires('plans:write')
  assign(@UuidParam('id') planId: string, @Body() dto: AssignActivityDto, @Req() request: LedgerRequest) {
    const { activityId = randomUUID(), type, providerPartnerId, startDate, endDate, weeklyHours } = dto;
    const payload = {
      planId,
      activityId,
      type,
      providerPartnerId,
      startDate,
      endDate,
      weeklyHours,
      ...acknowledgement(dto),
    };
    return this.gateway.run(request, AssignActivity, payload, customerRecord);
  }

  @Post(':id/activities/:activityId/changes')
  @HttpCode(200)
  @Requires('plans:write')
  change(
    @UuidParam('id') planId: string,
    @UuidParam('activityId') activityId: string,
    @Body() dto: ChangeActivityDto,
    @Req() request: LedgerRequest,
  ) {
    const { type, providerPartnerId, startDate, endDate, weeklyHours } = dto;
    const given = { type, providerPartnerId, startDate, endDate, weeklyHours };
    const changes: Partial<ActivitySchedule> = Object.fromEntries(
      Object.entries(given).filter(([, value]) => value !== undefined),
    );
    const payload = { planId, activityId, changes, ...acknowledgement(dto) };
    return this.gateway.run(request, ChangeActivity, payload, customerRecord);
  }

  @Post(':id/activities/:activityId/end')
  @HttpCode(200)
  @Requires('plans:write')
  end(
    @UuidParam('id') planId: string,
    @UuidParam('activityId') activityId: string,
    @Body() dto: EndActivityDto,
    @Req() request: LedgerRequest,
  ) {
    const payload = { planId, activityId, endDate: dto.endDate, reason: dto.reason };
    return this.gateway.run(request, EndActivity, payload, customerRecord);
  }
}
