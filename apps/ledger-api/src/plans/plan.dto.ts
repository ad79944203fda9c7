import { ACTION_ITEM_ASSIGNEES, ACTIVITY_TYPES, PLAN_KINDS, SIGNERS } from '@ledger/ledger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CommandDto } from '../http/command.dto';
import { IsLocalDate } from '../http/formats';

export class CustomerParticipationDto {
  @IsBoolean() present!: boolean;
  /** The customer's own words; required when they took part. */
  @ValidateIf((o: CustomerParticipationDto) => o.present === true || o.customerGoals !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  customerGoals?: string;
}

export class CreatePlanDto extends CommandDto {
  @IsOptional() @IsUUID() planId?: string;
  @IsUUID() customerId!: string;
  @IsUUID() partnerId!: string;
  @IsIn(PLAN_KINDS) kind!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(2000, { each: true })
  goals!: string[];
  @IsDefined()
  @ValidateNested()
  @Type(() => CustomerParticipationDto)
  customerParticipation!: CustomerParticipationDto;
}

export class SetGoalsDto extends CommandDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(2000, { each: true })
  goals!: string[];
}

export class AcknowledgedConflictsDto {
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class AssignActivityDto extends CommandDto {
  @IsOptional() @IsUUID() activityId?: string;
  @IsIn(ACTIVITY_TYPES) type!: string;
  @IsUUID() providerPartnerId!: string;
  @IsLocalDate() startDate!: string;
  @IsLocalDate() endDate!: string;
  /** Hours a week, in hundredths at most, as the conflict rule adds them up. */
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @IsPositive()
  @Max(168)
  weeklyHours!: number;
  @IsOptional()
  @ValidateNested()
  @Type(() => AcknowledgedConflictsDto)
  acknowledgedConflicts?: AcknowledgedConflictsDto;
}

export class ChangeActivityDto extends CommandDto {
  @IsOptional() @IsIn(ACTIVITY_TYPES) type?: string;
  @IsOptional() @IsUUID() providerPartnerId?: string;
  @IsOptional() @IsLocalDate() startDate?: string;
  @IsOptional() @IsLocalDate() endDate?: string;
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @IsPositive()
  @Max(168)
  weeklyHours?: number;
  @IsOptional()
  @ValidateNested()
  @Type(() => AcknowledgedConflictsDto)
  acknowledgedConflicts?: AcknowledgedConflictsDto;
}

export class EndActivityDto extends CommandDto {
  @IsLocalDate() endDate!: string;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class CreateActionItemDto extends CommandDto {
  @IsOptional() @IsUUID() itemId?: string;
  @IsIn(ACTION_ITEM_ASSIGNEES) assignee!: string;
  @IsString() @IsNotEmpty() @MaxLength(2000) description!: string;
  @IsLocalDate() dueDate!: string;
}

/** A command that carries nothing but what every command may. */
export class EmptyCommandDto extends CommandDto {}

export class SignPlanDto extends CommandDto {
  @IsIn(SIGNERS) signer!: string;
}

export class ReviewPlanDto extends CommandDto {
  @IsString() @IsNotEmpty() @MaxLength(4000) notes!: string;
  @IsLocalDate() nextReviewDue!: string;
}

export class ClosePlanDto extends CommandDto {
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}
