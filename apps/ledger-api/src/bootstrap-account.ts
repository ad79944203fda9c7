import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '@ledger/event-sourcing';
import { accountStream } from '@ledger/ledger';
import type { TokenService } from '@ledger/security';

const SYSTEM = { accountId: 'system', partnerId: null, roles: [] };

/**
 * On first start with an empty store: one active account holding security-officer and
 * partner-administrator, recorded by `system`, and a 24-hour token for it. Never again afterwards.
 */
export async function bootstrapAccount(
  store: EventStore,
  tokens: TokenService,
  dataDir: string,
  now: Date,
): Promise<string | undefined> {
  if ((await store.headPosition()) !== undefined) return undefined;
  const accountId = randomUUID();
  const commandId = randomUUID();
  await store.append(
    accountStream(accountId),
    [
      {
        type: 'AccountRequested',
        data: {
          accountId,
          legalName: 'Bootstrap security officer',
          partnerId: null,
          email: 'bootstrap@ledger.invalid',
          roles: ['security-officer', 'partner-administrator'],
          requestedBy: 'system',
        },
      },
      { type: 'AccountActivated', data: { accountId, authorisedBy: 'system' } },
    ],
    {
      expectedRevision: 'no_stream',
      metadata: {
        actor: SYSTEM,
        commandId,
        correlationId: commandId,
        workReason: 'first start',
        occurredAt: now.toISOString(),
      },
    },
  );
  const token = await tokens.issue(accountId, 24 * 3600, now);
  writeFileSync(join(dataDir, 'bootstrap-token'), `${token}\n`, { mode: 0o600 });
  return token;
}
