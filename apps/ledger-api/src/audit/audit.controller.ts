import { type RecordedEvent, StreamNotFoundError } from '@ledger/event-sourcing';
import { CATEGORIES, CUSTOMER_CATEGORIES } from '@ledger/ledger';
import { isSealed, PersonalDataProtector } from '@ledger/security';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { IsOptional, IsString, Matches } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { AccessLog } from '../access/access-log';
import type { LedgerRequest } from '../auth/authentication.guard';
import { AcceptsAsOf, NoWorkReason, Requires } from '../auth/requires.decorator';
import { CommandDto } from '../http/command.dto';
import { answerList, pageRequest } from '../http/listing';
import { fail } from '../http/problem';
import { AuditService } from './ledger-audit.provider';

const STREAM = /^[a-z]+(-[A-Za-z0-9-]{1,80})?$/;

export class VerificationDto extends CommandDto {
  @IsOptional()
  @IsString()
  @Matches(STREAM, { message: 'stream must be a stream name such as customer-<id>' })
  stream?: string;
}

/** The auditor's routes (api.md "Views and audit"): histories, states as of, proofs, verification, exports. */
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly service: AuditService,
    private readonly protector: PersonalDataProtector,
    private readonly accessLog: AccessLog,
  ) {}

  @Get('public-key')
  @NoWorkReason()
  @Requires('directory:read')
  publicKey() {
    return this.service.audit.publicKeys();
  }

  /** The signed checkpoints as stored, for auditors to keep and verify against later. */
  @Get('checkpoints')
  @Requires('audit:read')
  checkpoints() {
    return this.service.audit.checkpoints();
  }

  @Post('verifications')
  @HttpCode(200)
  @Requires('audit:read')
  verify(@Body() dto: VerificationDto) {
    return this.service.audit.verify({ stream: dto.stream });
  }

  @Get('streams/:stream')
  @Requires('audit:read')
  @AcceptsAsOf()
  async history(
    @Param('stream') stream: string,
    @Query() query: { asOf?: string; limit?: string; cursor?: string },
    @Req() request: LedgerRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = pageRequest(query);
    const events = await this.read(stream, query.asOf);
    const opened = await Promise.all(events.map((e) => this.unseal(stream, e)));
    await this.recordRead(request, stream, events, 'read');
    return answerList(opened, page, request, reply);
  }

  @Get('streams/:stream/state')
  @Requires('audit:read')
  @AcceptsAsOf()
  async state(
    @Param('stream') stream: string,
    @Query('asOf') asOf: string | undefined,
    @Req() request: LedgerRequest,
  ) {
    const events = await this.read(stream, asOf);
    const category = CATEGORIES[stream.slice(0, stream.indexOf('-'))];
    if (!category) throw fail(404, `${stream} is not a record with a state`, { code: 'NOT_FOUND' });
    await this.recordRead(request, stream, events, 'read');
    const state = events.reduce((s, e) => category.evolve(s as never, e as never), category.initialState());
    const last = events.at(-1);
    return {
      stream,
      revision: last?.revision ?? null,
      position: last?.position ?? null,
      asOf: asOf ?? null,
      state,
    };
  }

  @Get('streams/:stream/:revision/proof')
  @Requires('audit:read')
  async proof(@Param('stream') stream: string, @Param('revision') revision: string) {
    this.requireStream(stream);
    if (!/^\d{1,9}$/.test(revision))
      throw fail(400, 'revision must be a number', {
        errors: [{ field: 'revision', message: 'not a number' }],
      });
    const proof = await this.service.audit.proof(stream, Number(revision)).catch(notFound(stream));
    if (!proof) throw fail(404, `${stream}@${revision} does not exist`, { code: 'NOT_FOUND' });
    return proof;
  }

  @Get('exports/:stream')
  @Requires('audit:read')
  async export(@Param('stream') stream: string, @Req() request: LedgerRequest) {
    this.requireStream(stream);
    const bundle = await this.service.audit.exportBundle(stream).catch(notFound(stream));
    await this.recordRead(request, stream, await this.read(stream, undefined), 'export');
    return bundle;
  }

  private async read(stream: string, asOf: string | undefined): Promise<RecordedEvent[]> {
    this.requireStream(stream);
    const point = asOf === undefined ? undefined : this.service.audit.parseAsOf(asOf);
    if (asOf !== undefined && !point) {
      throw fail(400, 'asOf must be a timestamp or a position', {
        errors: [{ field: 'asOf', message: 'not a time or position' }],
      });
    }
    return this.service.audit.history(stream, { asOf: point }).catch(notFound(stream));
  }

  private requireStream(stream: string): void {
    if (!STREAM.test(stream))
      throw fail(400, 'not a stream name', { errors: [{ field: 'stream', message: 'not a stream name' }] });
  }

  /** Histories and exports of a customer's records are reads of their personal data: each is recorded. */
  private async recordRead(
    request: LedgerRequest,
    stream: string,
    events: RecordedEvent[],
    kind: 'read' | 'export',
  ) {
    const customerId = customerOf(stream, events[0]);
    if (customerId)
      await this.accessLog.recordAccess(request, { customerId, categories: ['identity', 'contact'], kind });
  }

  /** The stored envelope, with the customer's sealed fields opened for the auditor (or marked erased). */
  private async unseal(stream: string, event: RecordedEvent): Promise<RecordedEvent> {
    const customerId = customerOf(stream, event);
    if (!customerId) return event;
    const open = async (value: unknown): Promise<unknown> => {
      if (isSealed(value)) return (await this.protector.openFor(customerId, value)) ?? { erased: true };
      if (Array.isArray(value)) return Promise.all(value.map(open));
      if (value && typeof value === 'object') {
        return Object.fromEntries(
          await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await open(v)])),
        );
      }
      return value;
    };
    return { ...event, data: await open(event.data) };
  }
}

function customerOf(stream: string, event: RecordedEvent | undefined): string | undefined {
  const category = stream.slice(0, stream.indexOf('-'));
  if (!CUSTOMER_CATEGORIES.includes(category)) return undefined;
  return category === 'customer'
    ? stream.slice('customer-'.length)
    : (event?.data as { customerId?: string } | undefined)?.customerId;
}

const notFound = (stream: string) => (error: unknown) => {
  if (error instanceof StreamNotFoundError || (error as Error).name === 'EventNotFoundError') {
    throw fail(404, `${stream} does not exist`, { code: 'NOT_FOUND' });
  }
  throw error;
};
