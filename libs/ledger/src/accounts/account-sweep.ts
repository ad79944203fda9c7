import type { RecordedEvent } from '@ledger/event-sourcing';
import { type AccountEvent, type AccountState, accounts } from './account';

export interface AccountActivity {
  accountId: string;
  state: AccountState;
  /** The later of the last day it was active and the day it was activated (ISO date). */
  lastActivity?: string;
  /** When a security officer last reviewed it (the ledger's clock). */
  lastReviewedAt?: string;
}

/** Each account's state and activity, folded from the account streams' recorded events. */
export function foldActivity(events: readonly RecordedEvent[]): Map<string, AccountActivity> {
  const byAccount = new Map<string, AccountActivity>();
  for (const event of events) {
    const data = event.data as { accountId: string; on?: string };
    const entry = byAccount.get(data.accountId) ?? {
      accountId: data.accountId,
      state: accounts.initialState(),
    };
    entry.state = accounts.evolve(entry.state, event as unknown as AccountEvent);
    if (event.type === 'AccountActive') entry.lastActivity = later(entry.lastActivity, data.on);
    if (event.type === 'AccountActivated' || event.type === 'AccountReenabled') {
      entry.lastActivity = later(entry.lastActivity, event.metadata.recordedAt.slice(0, 10));
    }
    if (event.type === 'AccountReviewed') entry.lastReviewedAt = event.metadata.recordedAt;
    byAccount.set(data.accountId, entry);
  }
  return byAccount;
}

export interface SweepSettings {
  inactiveMonths: number;
  graceDays: number;
}

/**
 * security.md "Inactivity": six months without activity and no review since is a finding; left unreviewed
 * past the grace period, the account is disabled. A review starts the six months again.
 */
export function sweep(
  activity: Iterable<AccountActivity>,
  now: Date,
  settings: SweepSettings = { inactiveMonths: 6, graceDays: 30 },
): { inactive: AccountActivity[]; disable: AccountActivity[] } {
  const sixMonthsAgo = new Date(now);
  sixMonthsAgo.setUTCMonth(sixMonthsAgo.getUTCMonth() - settings.inactiveMonths);
  const graceEnded = new Date(sixMonthsAgo.getTime() - settings.graceDays * 86_400_000);
  const inactive = [...activity].filter((a) => {
    if (a.state.status !== 'active' || !a.lastActivity) return false;
    const since = later(a.lastActivity, a.lastReviewedAt?.slice(0, 10)) as string;
    return since < sixMonthsAgo.toISOString().slice(0, 10);
  });
  const disable = inactive.filter(
    (a) =>
      (later(a.lastActivity, a.lastReviewedAt?.slice(0, 10)) as string) <
      graceEnded.toISOString().slice(0, 10),
  );
  return { inactive, disable };
}

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
