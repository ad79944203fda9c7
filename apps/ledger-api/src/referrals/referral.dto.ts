import { DATA_CATEGORIES, REFERRAL_OUTCOMES } from '@ledger/ledger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { CommandDto } from '../http/command.dto';
import { IsTimestamp } from '../http/formats';

export class MakeReferralDto extends CommandDto {
  @IsOptional() @IsUUID() referralId?: string;
  @IsUUID() customerId!: string;
  @IsUUID() fromPartnerId!: string;
  @IsUUID() toPartnerId!: string;
  @IsOptional() @IsUUID() serviceId?: string;
  @IsString() @IsNotEmpty() @MaxLength(4000) reason!: string;
  @IsString() @IsNotEmpty() @MaxLength(8000) individualizedDetermination!: string;
  @IsUUID() consentId!: string;
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(11)
  @IsIn(DATA_CATEGORIES, { each: true })
  sharedCategories!: string[];
}

export class RejectReferralDto extends CommandDto {
  @IsOptional() @IsIn(REFERRAL_OUTCOMES.filter((o) => o !== 'got-help')) reasonCode?: string;
  @IsString() @IsNotEmpty() @MaxLength(4000) reason!: string;
}

export class AppointmentDto extends CommandDto {
  @IsTimestamp() at!: string;
}

export class OutcomeDto extends CommandDto {
  @IsIn(['completed', 'failed']) status!: 'completed' | 'failed';
  @IsIn(REFERRAL_OUTCOMES) outcome!: string;
  @IsOptional() @IsString() @MaxLength(4000) details?: string;
}

export class ClosureDto extends CommandDto {
  @IsOptional() @IsString() @MaxLength(4000) note?: string;
}

export class CancellationDto extends CommandDto {
  @IsString() @IsNotEmpty() @MaxLength(4000) reason!: string;
}
