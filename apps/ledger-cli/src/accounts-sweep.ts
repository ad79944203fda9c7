import { join } from 'node:path';
import { handleCommand, SqliteEventStore } from '@ledger/event-sourcing';
import { accountStream, accounts, decideChangeAccount, foldActivity, sweep } from '@ledger/ledger';
import { v7 as uuidv7 } from 'uuid';
import type { LedgerConfig } from '../../ledger-api/src/config/ledger-config';

const SYSTEM = { accountId: 'system', partnerId: null, roles: [] };

/**
 * `accounts sweep`: lists accounts inactive for six months with no review since, and disables (as
 * `system`) those left so past the grace period, never the last active security officer.
 */
export async function sweepAccounts(
  config: LedgerConfig,
  options: { now: Date; graceDays: number; dryRun: boolean },
  print: (line: string) => void,
): Promise<void> {
  const store = new SqliteEventStore(join(config.dataDir, 'events.db'), () => options.now);
  try {
    const activity = foldActivity(await store.readAll({ filter: { categories: ['account'] } }));
    const { inactive, disable } = sweep(activity.values(), options.now, {
      inactiveMonths: 6,
      graceDays: options.graceDays,
    });
    for (const account of inactive)
      print(`inactive ${account.accountId} last active ${account.lastActivity}`);
    let officers = [...activity.values()].filter(
      (a) => a.state.status === 'active' && a.state.roles.includes('security-officer'),
    ).length;
    for (const account of disable) {
      if (options.dryRun) {
        print(`would disable ${account.accountId}`);
        continue;
      }
      const commandId = uuidv7();
      const context = {
        now: options.now,
        actor: SYSTEM,
        commandId,
        correlationId: commandId,
        workReason: 'inactivity sweep',
        occurredAt: options.now.toISOString(),
      };
      const payload = {
        accountId: account.accountId,
        change: 'disable' as const,
        reason: 'inactive for six months, not reviewed',
        activeSecurityOfficers: officers,
      };
      try {
        await handleCommand(
          store,
          accountStream(account.accountId),
          { ...accounts, decide: decideChangeAccount },
          payload,
          context,
        );
        if (account.state.roles.includes('security-officer')) officers -= 1;
        print(`disabled ${account.accountId}`);
      } catch (error) {
        print(`kept ${account.accountId}: ${(error as Error).message}`);
      }
    }
    print(`${inactive.length} inactive, ${options.dryRun ? 0 : disable.length} past the grace period`);
  } finally {
    await store.close();
  }
}
