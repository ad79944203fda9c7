import {
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  DATA_CATEGORIES,
  EXPLANATION_METHODS,
  FEEDBACK_CHANNELS,
  PROGRAMS,
} from '@ledger/ledger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CommandDto } from '../http/command.dto';
import { IsLocalDate, IsSsn, IsTimestamp } from '../http/formats';
import { AddressDto } from '../partners/partner.dto';

export class ClearanceDto {
  @IsOptional() @IsUUID() searchId?: string;
  @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true }) acknowledgedCandidateIds!: string[];
}

class PersonFields extends CommandDto {
  @IsOptional() @IsSsn() ssn?: string;
  @IsOptional() @IsIn(['F', 'M', 'X', 'U']) sex?: string;
  @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
  @IsOptional() @Matches(/^\+?[0-9 ()-]{7,20}$/, { message: 'phone must be a phone number' }) phone?: string;
  @IsOptional() @IsEmail() @MaxLength(320) email?: string;
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'preferredLanguage must be a language code' })
  preferredLanguage?: string;
}

export class RegisterCustomerDto extends PersonFields {
  @IsOptional() @IsUUID() customerId?: string;
  @IsString() @IsNotEmpty() @MaxLength(100) firstName!: string;
  @IsString() @IsNotEmpty() @MaxLength(100) lastName!: string;
  @IsLocalDate() dateOfBirth!: string;
  @IsOptional() @ValidateNested() @Type(() => ClearanceDto) clearance?: ClearanceDto;
}

export class CorrectCustomerDto extends PersonFields {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) firstName?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) lastName?: string;
  @IsOptional() @IsLocalDate() dateOfBirth?: string;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class GrantConsentDto extends CommandDto {
  @IsOptional() @IsUUID() consentId?: string;
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsUUID('all', { each: true }) recipients!: string[];
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(CONSENT_PURPOSES, { each: true }) purposes!: string[];
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(DATA_CATEGORIES, { each: true }) categories!: string[];
  @IsTimestamp() expiresAt!: string;
  @IsIn(CONSENT_METHODS) method!: string;
  @IsUUID() obtainedBy!: string;
}

export class ReasonDto extends CommandDto {
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class RecordInvolvementDto extends CommandDto {
  @IsOptional() @IsUUID() involvementId?: string;
  @IsUUID() partnerId!: string;
  @IsLocalDate() startedAt!: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) caseReference?: string;
}

export class EndInvolvementDto extends CommandDto {
  @IsLocalDate() endedAt!: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(2000) reason?: string;
}

export class FeedbackDto extends CommandDto {
  @IsUUID() partnerId!: string;
  @IsIn(FEEDBACK_CHANNELS) channel!: string;
  @IsOptional() @IsInt() @Min(1) @Max(5) rating?: number;
  @IsOptional() @IsString() @MaxLength(4000) comments?: string;
}

export class ComplaintDto extends CommandDto {
  @IsUUID() partnerId!: string;
  @IsString() @IsNotEmpty() @MaxLength(300) subject!: string;
  @IsString() @IsNotEmpty() @MaxLength(8000) details!: string;
}

export class AppealRightsDto extends CommandDto {
  @IsUUID() partnerId!: string;
  @IsIn(PROGRAMS) program!: string;
  @IsIn(EXPLANATION_METHODS) method!: string;
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'language must be a language code' })
  language?: string;
}

export class MergeDto extends CommandDto {
  @IsUUID() duplicateId!: string;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}
