import { randomUUID } from 'node:crypto';
import { EventStore } from '@ledger/event-sourcing';
import { INCIDENT_KINDS, incidentStream, incidents, ReportIncident, ResolveIncident } from '@ledger/ledger';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Requires } from '../auth/requires.decorator';
import { CommandDto } from '../http/command.dto';
import { CommandGateway } from '../http/command-gateway';
import { UuidParam } from '../http/params';
import { readRecord } from '../http/records';

export class ReportIncidentDto extends CommandDto {
  @IsOptional() @IsUUID() incidentId?: string;
  @IsIn(INCIDENT_KINDS) kind!: string;
  @IsString() @IsNotEmpty() @MaxLength(8000) description!: string;
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsUUID('all', { each: true }) accountIds?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsUUID('all', { each: true }) customerIds?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsUUID('all', { each: true }) eventIds?: string[];
}

export class ResolveIncidentDto extends CommandDto {
  @IsString() @IsNotEmpty() @MaxLength(8000) resolution!: string;
}

@Controller('api/v1/incidents')
export class IncidentsController {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Requires('incidents:report')
  report(@Body() dto: ReportIncidentDto, @Req() request: LedgerRequest) {
    const {
      incidentId = randomUUID(),
      kind,
      description,
      accountIds = [],
      customerIds = [],
      eventIds = [],
    } = dto;
    return this.gateway.run(request, ReportIncident, {
      incidentId,
      kind,
      description,
      accountIds,
      customerIds,
      eventIds,
    });
  }

  @Get(':id')
  @Requires('incidents:read')
  read(@UuidParam('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return readRecord(this.store, incidentStream(id), incidents, reply);
  }

  @Post(':id/resolution')
  @HttpCode(200)
  @Requires('incidents:manage')
  resolve(
    @UuidParam('id') incidentId: string,
    @Body() dto: ResolveIncidentDto,
    @Req() request: LedgerRequest,
  ) {
    return this.gateway.run(request, ResolveIncident, { incidentId, resolution: dto.resolution });
  }
}
