import type { EventStore } from '@ledger/event-sourcing';
import { isLocalDate, localDateOf } from '@ledger/ledger';
import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { AcceptsAsOf } from '../auth/requires.decorator';
import { fail } from '../http/problem';
import type { ReadModels } from './read-models';

type Query = Record<string, unknown>;
type Parser<T> = (value: string, name: string) => T;
const bad = (name: string, message: string) =>
  fail(400, `${name} ${message}`, { errors: [{ field: name, message }] });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const uuid: Parser<string> = (value, name) => {
  if (!UUID.test(value)) throw bad(name, 'must be a UUID');
  return value;
};
export const integer =
  (min: number, max: number): Parser<number> =>
  (value, name) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max)
      throw bad(name, `must be an integer from ${min} to ${max}`);
    return n;
  };
export const oneOf =
  (allowed: readonly string[]): Parser<string> =>
  (value, name) => {
    if (!allowed.includes(value)) throw bad(name, `must be one of ${allowed.join(', ')}`);
    return value;
  };
export const word: Parser<string> = (value, name) => {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(value)) throw bad(name, 'must be a lowercase name (a-z, 0-9, -)');
  return value;
};
export const text: Parser<string> = (value) => value;

/** `?limit=` (api.md "Lists": default 50, at most 1000) and `?cursor=`. */
export const listParameters = { limit: integer(1, 1000), cursor: text };

/**
 * The query string of a view route: only the named parameters, each once, each valid (400 naming every
 * bad one); `minPosition` and `asOf` are always allowed and are checked by `ReadModels.forQuery`.
 */
export function parseQuery<Spec extends Record<string, Parser<unknown>>>(
  query: Query,
  spec: Spec,
): { [K in keyof Spec]?: ReturnType<Spec[K]> } {
  const errors: { field: string; message: string }[] = [];
  const parsed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query ?? {})) {
    if (name === 'minPosition' || name === 'asOf') continue;
    const parse = spec[name];
    if (!parse) errors.push({ field: name, message: 'is not a parameter of this route' });
    else if (typeof value !== 'string') errors.push({ field: name, message: 'must be given once' });
    else {
      try {
        parsed[name] = parse(value, name);
      } catch (error) {
        errors.push(...((error as { problem?: { errors?: typeof errors } }).problem?.errors ?? []));
      }
    }
  }
  if (errors.length > 0) throw fail(400, errors.map((e) => `${e.field} ${e.message}`).join('; '), { errors });
  return parsed as { [K in keyof Spec]?: ReturnType<Spec[K]> };
}

/** A report's dates: local dates, or timestamps taken as their local date; `from` not after `to`. */
export function reportDates(timeZone: string): Parser<string> {
  return (value, name) => {
    if (isLocalDate(value)) return value;
    if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)))
      return localDateOf(value, timeZone);
    throw bad(name, 'must be a date (YYYY-MM-DD) or a timestamp with an offset or Z');
  };
}

export function checkRange(range: { from?: string; to?: string }): void {
  if (range.from && range.to && range.from > range.to) throw bad('to', 'must not be before from');
}

/** Read-your-writes (api.md): waits until every view has applied `?minPosition=`, else 503 with Retry-After. */
export async function waitForViews(query: Query, store: EventStore, views: ReadModels): Promise<void> {
  const raw = query?.minPosition;
  if (raw === undefined) return;
  const position = typeof raw === 'string' ? store.parsePosition(raw) : undefined;
  if (!position) throw bad('minPosition', 'must be a position as a command answered it');
  if (!(await views.runner.waitFor(position, 3000))) {
    throw fail(503, `the views have not reached position ${raw} yet; retry shortly`, {
      code: 'VIEWS_BEHIND',
    });
  }
}

/** Analysts and auditors see every partner's; everyone else only their own partner's (security.md). */
export const seesAllPartners = (roles: readonly string[]) =>
  roles.includes('analyst') || roles.includes('auditor');

/** Documents a view route's query parameters in the OpenAPI description (all optional); each takes asOf. */
export const Queries = (...names: string[]) =>
  applyDecorators(
    AcceptsAsOf(),
    ...['minPosition', 'asOf', ...names].map((name) => ApiQuery({ name, required: false, type: String })),
  );
