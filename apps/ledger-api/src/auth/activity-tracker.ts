import { EventStore } from '@ledger/event-sourcing';
import { accountStream, RuleSettings } from '@ledger/ledger';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Clock } from '../http/clock';

/**
 * Last activity per account, for the six-month inactivity rule: at most one `AccountActive` per account per
 * day per running instance, remembered in memory between (never an event per request).
 */
@Injectable()
export class ActivityTracker {
  private readonly recorded = new Map<string, string>();
  /**
   * Today, per quarter hour: every time zone's offset today is a whole number of quarter hours, so the local
   * date only changes on a quarter-hour boundary, and formatting a date on every request is saved.
   */
  private today = { quarter: Number.NaN, day: '' };

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly settings: RuleSettings,
  ) {}

  /** Notes an authenticated request; the day's first appends its event (awaited, so it is not lost). */
  async touch(accountId: string): Promise<void> {
    const now = this.clock.now();
    const day = this.dayOf(now);
    if (this.recorded.get(accountId) === day) return;
    this.recorded.set(accountId, day);
    const commandId = uuidv7();
    await this.store
      .append(accountStream(accountId), [{ type: 'AccountActive', data: { accountId, on: day } }], {
        expectedRevision: 'stream_exists',
        metadata: {
          actor: { accountId, partnerId: null, roles: [] },
          commandId,
          correlationId: commandId,
          occurredAt: now.toISOString(),
        },
      })
      .catch((error: unknown) => {
        this.recorded.delete(accountId);
        throw error;
      });
  }

  private dayOf(now: Date): string {
    const quarter = Math.floor(now.getTime() / 900_000);
    if (quarter !== this.today.quarter) this.today = { quarter, day: this.settings.localDate(now) };
    return this.today.day;
  }
}
