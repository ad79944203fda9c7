import { ClearanceSearches } from '@ledger/ledger';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { AccessLog } from '../access/access-log';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Requires } from '../auth/requires.decorator';
import { CommandDto } from '../http/command.dto';
import { IsLocalDate, IsSsn } from '../http/formats';
import { fail } from '../http/problem';
import { AddressDto } from '../partners/partner.dto';

export class ClearanceSearchDto extends CommandDto {
  @IsString() @IsNotEmpty() @MaxLength(100) firstName!: string;
  @IsString() @IsNotEmpty() @MaxLength(100) lastName!: string;
  @IsLocalDate() dateOfBirth!: string;
  @IsOptional() @IsSsn() ssn?: string;
  @IsOptional() @IsIn(['F', 'M', 'X', 'U']) sex?: string;
  @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
  @IsOptional() @Matches(/^\+?[0-9 ()-]{7,20}$/, { message: 'phone must be a phone number' }) phone?: string;
}

/**
 * Clearance: search before registering (identity in the body, never the URL). The masked candidates are a
 * disclosure, so every search is recorded in the access log, with the candidates it showed.
 */
@Controller('api/v1/clearance-searches')
export class ClearanceController {
  constructor(
    private readonly searches: ClearanceSearches,
    private readonly accessLog: AccessLog,
  ) {}

  @Post()
  @HttpCode(200)
  @Requires('customers:clearance')
  async search(@Body() dto: ClearanceSearchDto, @Req() request: LedgerRequest) {
    if (!dto.workReason?.trim() && !String(request.headers['x-work-reason'] ?? '').trim()) {
      throw fail(400, 'workReason is required for a clearance search', {
        code: 'WORK_REASON_REQUIRED',
        errors: [{ field: 'workReason', message: 'a work reason is required' }],
      });
    }
    const { workReason: _w, occurredAt: _o, address, ...identity } = dto;
    const result = await this.searches.search({
      ...identity,
      ...(address ? { address: { ...address } } : {}),
    });
    await this.accessLog.recordSearch(
      request,
      result.searchId,
      result.candidates.map((c) => c.customerId),
    );
    return result;
  }
}
