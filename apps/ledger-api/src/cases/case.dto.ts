import { APPLICATION_CHANNELS, PROGRAMS } from '@ledger/ledger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { CommandDto } from '../http/command.dto';
import { IsTimestamp } from '../http/formats';

export class ReceiveApplicationDto extends CommandDto {
  @IsOptional() @IsUUID() caseId?: string;
  @IsUUID() customerId!: string;
  @IsUUID() partnerId!: string;
  @IsIn(PROGRAMS) program!: string;
  @IsTimestamp() receivedAt!: string;
  @IsIn(APPLICATION_CHANNELS) channel!: string;
}

export class ScheduleInterviewDto extends CommandDto {
  @IsTimestamp() scheduledFor!: string;
}

export class DetermineEligibilityDto extends CommandDto {
  @IsBoolean() eligible!: boolean;
  @IsTimestamp() decidedAt!: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  reasons?: string[];
}

export class EnrollDto extends CommandDto {
  @IsTimestamp() enrolledAt!: string;
}

export class ExitDto extends CommandDto {
  @IsTimestamp() exitedAt!: string;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class CorrectCaseStepDto extends CommandDto {
  @IsUUID() eventId!: string;
  @IsString() @IsNotEmpty() @MaxLength(100) field!: string;
  @IsDefined() value!: unknown;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class AssignmentDto extends CommandDto {
  @IsUUID() accountId!: string;
}
