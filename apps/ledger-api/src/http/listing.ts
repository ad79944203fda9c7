import type { FastifyReply } from 'fastify';
import type { LedgerRequest } from '../auth/authentication.guard';
import { fail } from './problem';

/** `?limit=` (default 50, at most 1000) and `?cursor=`, as every list takes them (api.md "Lists"). */
export function pageRequest(query: { limit?: string; cursor?: string }): { limit: number; offset: number } {
  const limit = query.limit === undefined ? 50 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw fail(400, 'limit must be a whole number from 1 to 1000', {
      errors: [{ field: 'limit', message: 'from 1 to 1000' }],
    });
  }
  const offset = query.cursor === undefined ? 0 : Number(Buffer.from(query.cursor, 'base64url').toString());
  if (!Number.isInteger(offset) || offset < 0)
    throw fail(400, 'cursor is not one this list gave', {
      errors: [{ field: 'cursor', message: 'unknown cursor' }],
    });
  return { limit, offset };
}

/**
 * One page of an in-memory list: `{ items, nextCursor }` as JSON, or CSV (one row per item, the same page,
 * the next cursor in a `Link` header) when the request asks for text/csv.
 */
export function answerList<T extends object>(
  all: readonly T[],
  page: { limit: number; offset: number },
  request: LedgerRequest,
  reply: FastifyReply,
): { items: T[]; nextCursor?: string } | string {
  const items = all.slice(page.offset, page.offset + page.limit);
  const next =
    page.offset + page.limit < all.length
      ? Buffer.from(String(page.offset + page.limit)).toString('base64url')
      : undefined;
  if (!String(request.headers.accept ?? '').includes('text/csv'))
    return next ? { items, nextCursor: next } : { items };
  if (next) {
    const url = new URL(request.url, 'http://ledger');
    url.searchParams.set('cursor', next);
    reply.header('Link', `<${url.pathname}${url.search}>; rel="next"`);
  }
  reply.header('Content-Type', 'text/csv; charset=utf-8');
  return toCsv(items);
}

export function toCsv(items: readonly object[]): string {
  const columns = [...new Set(items.flatMap((item) => Object.keys(item)))];
  const cell = (value: unknown) => {
    const text =
      value === undefined || value === null
        ? ''
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const rows = items.map((item) => columns.map((c) => cell((item as Record<string, unknown>)[c])).join(','));
  return `${[columns.join(','), ...rows].join('\r\n')}\r\n`;
}
