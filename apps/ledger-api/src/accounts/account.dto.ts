import { REVIEW_DECISIONS, ROLES } from '@ledger/ledger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { CommandDto } from '../http/command.dto';
import { IsTimestamp } from '../http/formats';

export class RequestAccountDto extends CommandDto {
  @IsOptional() @IsUUID() accountId?: string;
  @IsString() @IsNotEmpty() @MaxLength(200) legalName!: string;
  @IsOptional() @IsUUID() partnerId?: string;
  @IsEmail() @MaxLength(320) email!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2, { message: 'an account holds at most two roles' })
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: string[];
}

export class RolesDto extends CommandDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2, { message: 'an account holds at most two roles' })
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: string[];
}

export class NameDto extends CommandDto {
  @IsString() @IsNotEmpty() @MaxLength(200) legalName!: string;
}

export class DepartureDto extends CommandDto {
  @IsTimestamp() departedAt!: string;
}

export class TerminationDto extends CommandDto {
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class AccountReasonDto extends CommandDto {
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class ReviewDto extends CommandDto {
  @IsIn(REVIEW_DECISIONS) decision!: 'keep' | 'disable' | 'terminate';
  @IsOptional() @IsString() @MaxLength(4000) notes?: string;
}
