import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsTimestamp } from './formats';

/** What every command body may carry (api.md): why, and the business time. */
export class CommandDto {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  workReason?: string;

  @IsOptional()
  @IsTimestamp()
  occurredAt?: string;
}
