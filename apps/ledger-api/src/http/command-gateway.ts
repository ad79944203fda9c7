import { hash } from 'node:crypto';
import { type CommandContext, canonicalJson, WrongExpectedRevisionError } from '@ledger/event-sourcing';
import type { CommandAnswer, CommandOutcome, LedgerCommand } from '@ledger/ledger';
import { pooledUuidV7 } from '@ledger/security';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { validate as isUuid, v5 as uuidv5 } from 'uuid';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Clock } from './clock';
import { fail } from './problem';

type CommandClass<P> = new (
  payload: P,
  context: CommandContext,
  options: LedgerCommand<P>['options'],
) => LedgerCommand<P>;

const IDEMPOTENCY_NAMESPACE = '0d7d4a4e-5b8e-4f4c-9a7b-6c1f0e2d3b4a';

/**
 * Turns an HTTP request into a command: the actor, the work reason, business time, the command id
 * (from the account and its Idempotency-Key, or minted), `If-Match`, and the request fingerprint that
 * tells a replay (same answer again) from a reused key (422).
 */
@Injectable()
export class CommandGateway {
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly bus: CommandBus,
    private readonly clock: Clock,
  ) {}

  async run<P>(
    request: LedgerRequest,
    command: CommandClass<P>,
    payload: P,
    options: { workReasonRequired?: boolean } = {},
  ): Promise<CommandAnswer> {
    const body = (request.body ?? {}) as { workReason?: string; occurredAt?: string };
    const workReason = (body.workReason ?? headerOf(request, 'x-work-reason'))?.trim() || undefined;
    if (options.workReasonRequired && !workReason) {
      throw fail(400, 'workReason is required for a command on a customer record', {
        code: 'WORK_REASON_REQUIRED',
        errors: [{ field: 'workReason', message: 'a work reason is required' }],
      });
    }
    const actor = request.actor!;
    const key = headerOf(request, 'idempotency-key');
    if (key !== undefined && !isUuid(key)) {
      throw fail(400, 'Idempotency-Key must be a UUID', {
        errors: [{ field: 'Idempotency-Key', message: 'must be a UUID' }],
      });
    }
    const now = this.clock.now();
    const commandId = key ? uuidv5(`${actor.accountId}/${key}`, IDEMPOTENCY_NAMESPACE) : pooledUuidV7();
    const context: CommandContext = {
      now,
      actor,
      commandId,
      correlationId: headerOf(request, 'x-correlation-id') ?? commandId,
      workReason,
      occurredAt: body.occurredAt ?? now.toISOString(),
    };
    // Only a request with an Idempotency-Key can be replayed, so only its fingerprint is ever compared.
    const fingerprint = key
      ? hash('sha256', `${request.method} ${request.url.split('?')[0]} ${canonicalJson(body)}`, 'hex')
      : undefined;
    const expectedRevision = parseIfMatch(headerOf(request, 'if-match'));

    // The same key while the first is still running: wait for its answer, then replay it.
    const earlier = this.running.get(commandId);
    if (earlier) await earlier.catch(() => undefined);
    const execution = this.bus.execute<LedgerCommand<P>, CommandOutcome>(
      new command(payload, context, { expectedRevision, fingerprint, commandIdMinted: !key }),
    );
    this.running.set(commandId, execution);
    try {
      const outcome = await execution;
      if (outcome.replayOf && outcome.replayOf.fingerprint !== fingerprint) {
        throw fail(422, 'this Idempotency-Key was used for another request', {
          code: 'IDEMPOTENCY_KEY_REUSED',
        });
      }
      return outcome.answer;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError && expectedRevision !== undefined) {
        throw fail(412, `the record is at revision ${error.actual}, not ${expectedRevision}`, {
          code: 'STALE_REVISION',
          currentRevision: error.actual,
        });
      }
      throw error;
    } finally {
      if (this.running.get(commandId) === execution) this.running.delete(commandId);
    }
  }
}

function headerOf(request: LedgerRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `If-Match: "5"` (an entity tag) or `5`. */
function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(?:W\/)?"?(-?\d+)"?$/.exec(value.trim());
  if (!match)
    throw fail(400, 'If-Match must be a revision, e.g. "3"', {
      errors: [{ field: 'If-Match', message: 'not a revision' }],
    });
  return Number(match[1]);
}
