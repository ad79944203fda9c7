import { type Actor, EventStore } from '@ledger/event-sourcing';
import { pooledUuidV7 } from '@ledger/security';
import { Injectable } from '@nestjs/common';
import type { LedgerRequest } from '../auth/authentication.guard';
import { Clock } from '../http/clock';

export interface AccessRecord {
  customerId: string;
  categories: readonly string[];
  /** What the answer was: a read of the summary, a history, an export, a plan-conflict listing… */
  kind: 'read' | 'referral' | 'assessment-share' | 'export' | 'plan-conflict' | 'clearance';
}

/**
 * The access log (security.md): every answer carrying a customer's personal data records a RecordAccessed
 * in the reader's `access-<accountId>` stream, and the answer waits for its commit. Concurrent reads share
 * group commits, so there is no fsync per read, and an answer that went out always has its record.
 */
@Injectable()
export class AccessLog {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async recordAccess(request: LedgerRequest, access: AccessRecord): Promise<void> {
    const actor = request.actor!;
    await this.append(actor, request, {
      type: 'RecordAccessed',
      data: {
        ...base(actor, request),
        customerId: access.customerId,
        categories: [...access.categories],
        kind: access.kind,
      },
    });
  }

  /** A clearance search: which customers' masked identities it showed, if any. */
  async recordSearch(request: LedgerRequest, searchId: string, candidateIds: string[]): Promise<void> {
    const actor = request.actor!;
    await this.append(actor, request, {
      type: 'ClearanceSearched',
      data: { ...base(actor, request), searchId, candidateIds },
    });
  }

  async recordDenial(request: LedgerRequest, reason: string, customerId?: string): Promise<void> {
    const actor =
      request.actor ??
      (request.accountId ? { accountId: request.accountId, partnerId: null, roles: [] } : undefined);
    if (!actor) return;
    await this.append(actor, request, {
      type: 'AccessDenied',
      data: { ...base(actor, request), ...(customerId ? { customerId } : {}), reason },
    });
  }

  private async append(
    actor: Actor,
    request: LedgerRequest,
    event: { type: string; data: unknown },
  ): Promise<void> {
    const commandId = pooledUuidV7();
    await this.store.append(`access-${actor.accountId}`, [event], {
      expectedRevision: 'any',
      metadata: {
        actor,
        commandId,
        correlationId: commandId,
        workReason: workReasonOf(request),
        occurredAt: this.clock.now().toISOString(),
      },
    });
  }
}

function base(actor: Actor, request: LedgerRequest) {
  return {
    accountId: actor.accountId,
    partnerId: actor.partnerId,
    workReason: workReasonOf(request) ?? '',
    route: `${request.method} ${request.routeOptions?.url ?? 'unmatched'}`,
  };
}

function workReasonOf(request: LedgerRequest): string | undefined {
  const header = request.headers['x-work-reason'];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  const fromBody = (request.body as { workReason?: unknown } | undefined)?.workReason;
  return typeof fromBody === 'string' ? fromBody : fromHeader;
}
