import { InvalidCursorError, type Page } from '@ledger/event-sourcing';
import { OPEN_STATUSES, type ReferralBoardItem, referralBoard } from '@ledger/ledger';
import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Requires } from '../auth/requires.decorator';
import { fail } from '../http/problem';
import { toCsv } from './csv';
import { Pseudonyms } from './pseudonyms';
import { ReadModels } from './read-models';
import { integer, listParameters, oneOf, parseQuery, Queries, seesAllPartners, uuid } from './view-request';

export const REFERRAL_STATUSES = [...OPEN_STATUSES, 'rejected', 'completed', 'failed', 'cancelled'];
/** The board's CSV columns (`view referrals` in the CLI writes the same). */
export const REFERRAL_BOARD_COLUMNS: (keyof ReferralBoardItem)[] = [
  'referralId',
  'customerId',
  'fromPartnerId',
  'toPartnerId',
  'serviceId',
  'status',
  'outcome',
  'madeAt',
  'acceptedAt',
  'closedAt',
  'ageDays',
  'flags',
];

@Controller('api/v1/referrals')
export class ReferralBoardController {
  constructor(
    private readonly views: ReadModels,
    private readonly pseudonyms: Pseudonyms,
  ) {}

  /** The referral board (api.md, a list): a caseworker sees its partner's referrals, analysts and auditors all. */
  @Get()
  @Requires('referrals:board')
  @Queries(
    'customerId',
    'status',
    'fromPartnerId',
    'toPartnerId',
    'partnerId',
    'olderThanDays',
    'limit',
    'cursor',
  )
  async list(@Req() request: LedgerRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const query = request.query as Record<string, unknown>;
    const filter = parseQuery(query, {
      customerId: uuid,
      status: oneOf(REFERRAL_STATUSES),
      fromPartnerId: uuid,
      toPartnerId: uuid,
      partnerId: uuid,
      olderThanDays: integer(0, 36_500),
      ...listParameters,
    });
    const { database, time } = await this.views.forQuery(query);
    const actor = request.actor!;
    const all = seesAllPartners(actor.roles);
    let page: Page<ReferralBoardItem>;
    try {
      page = await referralBoard(
        database,
        { ...filter, visibleTo: all ? undefined : (actor.partnerId ?? 'none') },
        time.now,
      );
    } catch (error) {
      if (error instanceof InvalidCursorError)
        throw fail(400, error.message, { errors: [{ field: 'cursor', message: error.message }] });
      throw error;
    }
    if (actor.roles.includes('analyst') && !actor.roles.includes('auditor')) {
      page = {
        ...page,
        items: page.items.map((item) => ({ ...item, customerId: this.pseudonyms.of(item.customerId) })),
      };
    }
    if (page.nextCursor) reply.header('Link', `<${nextUrl(request.url, page.nextCursor)}>; rel="next"`);
    if (!String(request.headers.accept ?? '').includes('text/csv')) return page;
    reply.header('Content-Type', 'text/csv; charset=utf-8');
    return toCsv(REFERRAL_BOARD_COLUMNS, page.items as unknown as Record<string, unknown>[]);
  }
}

/** The same request with the next page's cursor. */
export function nextUrl(url: string, cursor: string): string {
  const next = new URL(url, 'http://ledger.invalid');
  next.searchParams.set('cursor', cursor);
  return `${next.pathname}${next.search}`;
}
