import { ASSESSMENT_KINDS } from '@ledger/ledger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CommandDto } from '../http/command.dto';
import { IsTimestamp } from '../http/formats';

export class FindingsDto {
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  strengths!: string[];
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(2000, { each: true }) needs!: string[];
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(2000, { each: true }) barriers!: string[];
}

export class RecordAssessmentDto extends CommandDto {
  @IsOptional() @IsUUID() assessmentId?: string;
  @IsUUID() customerId!: string;
  @IsUUID() partnerId!: string;
  @IsIn(ASSESSMENT_KINDS) kind!: string;
  @IsString() @IsNotEmpty() @MaxLength(300) instrument!: string;
  @IsTimestamp() performedAt!: string;
  @IsObject() @ValidateNested() @Type(() => FindingsDto) findings!: FindingsDto;
}

export class ShareAssessmentDto extends CommandDto {
  @IsUUID() partnerId!: string;
  @IsUUID() consentId!: string;
}

export class SupersedeAssessmentDto extends CommandDto {
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @IsOptional() @IsUUID() supersededBy?: string;
}
