import { v7 as uuidv7 } from 'uuid';
import type { AppendOptions, ExpectedRevision } from '../store/event-store';

const actor = { accountId: 'account-1', partnerId: null, roles: ['security-officer'] };

/**
 * Append options for tests and benchmarks: a fresh command id (time-ordered, as the HTTP layer mints
 * them when a request has no Idempotency-Key), a fixed actor; -1 means no_stream.
 */
export function appendOptionsFor(expected: ExpectedRevision | -1, commandId = uuidv7()): AppendOptions {
  return {
    expectedRevision: expected === -1 ? 'no_stream' : expected,
    metadata: {
      actor,
      commandId,
      correlationId: commandId,
      occurredAt: '2026-03-02T15:00:00.000Z',
      workReason: 'test',
    },
  };
}
