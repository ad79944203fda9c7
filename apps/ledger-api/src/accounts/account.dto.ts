import { ROLES } from '@ledger/ledger';
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
