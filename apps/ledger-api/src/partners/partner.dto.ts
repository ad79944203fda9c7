import { PARTNER_KINDS, PROGRAMS } from '@ledger/ledger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CommandDto } from '../http/command.dto';

export class RegisterPartnerDto extends CommandDto {
  @IsOptional() @IsUUID() partnerId?: string;
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @IsIn(PARTNER_KINDS) kind!: string;
  @IsArray() @ArrayUnique() @ArrayMaxSize(40) @IsIn(PROGRAMS, { each: true }) programs!: string[];
}

export class ChangeProgramsDto extends CommandDto {
  @IsArray() @ArrayUnique() @ArrayMaxSize(40) @IsIn(PROGRAMS, { each: true }) programs!: string[];
}

export class ReasonDto extends CommandDto {
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class AddressDto {
  @IsString() @IsNotEmpty() @MaxLength(200) line1!: string;
  @IsString() @IsNotEmpty() @MaxLength(100) city!: string;
  @Matches(/^[A-Z]{2}$/, { message: 'state must be a two-letter code' }) state!: string;
  @Matches(/^\d{5}(-\d{4})?$/, { message: 'postalCode must be a ZIP code' }) postalCode!: string;
}

export class ServiceDto extends CommandDto {
  @IsOptional() @IsUUID() serviceId?: string;
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @IsString() @MaxLength(4000) description!: string;
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(PROGRAMS, { each: true }) programs!: string[];
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(40)
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { each: true })
  languages!: string[];
  @IsOptional() @IsString() @MaxLength(4000) eligibility?: string;
  @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
}

export class ServiceChangesDto extends CommandDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(PROGRAMS, { each: true })
  programs?: string[];
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { each: true })
  languages?: string[];
  @IsOptional() @IsString() @MaxLength(4000) eligibility?: string;
  @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
}
