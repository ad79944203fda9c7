import { DATA_CATEGORIES } from '@ledger/ledger';
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
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CommandDto } from '../http/command.dto';
import { IsLocalDate } from '../http/formats';

export class DirectionDto {
  @IsUUID() from!: string;
  @IsUUID() to!: string;
}

export class DataSharingDto extends DirectionDto {
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(DATA_CATEGORIES, { each: true }) categories!: string[];
}

export class RecordAgreementDto extends CommandDto {
  @IsOptional() @IsUUID() agreementId?: string;
  @IsString() @IsNotEmpty() @MaxLength(300) title!: string;
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  parties!: string[];
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => DirectionDto)
  referrals!: DirectionDto[];
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => DataSharingDto)
  dataSharing!: DataSharingDto[];
  @IsLocalDate() effectiveFrom!: string;
  @IsLocalDate() effectiveTo!: string;
}

export class AmendAgreementDto extends CommandDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300) title?: string;
  @IsOptional() @IsArray() @ArrayMinSize(2) @ArrayUnique() @IsUUID('all', { each: true }) parties?: string[];
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DirectionDto)
  referrals?: DirectionDto[];
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DataSharingDto)
  dataSharing?: DataSharingDto[];
  @IsOptional() @IsLocalDate() effectiveFrom?: string;
  @IsOptional() @IsLocalDate() effectiveTo?: string;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class TerminateAgreementDto extends CommandDto {
  @IsLocalDate() effectiveTo!: string;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}
