import { EventStore, type Position, type RecordedEvent } from '@ledger/event-sourcing';
import { Injectable } from '@nestjs/common';
import { type AccountEvent, type AccountState, accounts } from '../accounts/account';
import { type AccountActivity, sweep } from '../accounts/account-sweep';
import { type FindingEvent, type FindingState, findings } from '../findings/finding';
import {
  type AccountFinding,
  type AccountFindingKind,
  addEvidence,
  DEFAULT_WEAK_WORK_REASONS,
  findingFor,
  isWeakWorkReason,
} from './account-findings';

const PAGE = 5000;
const LATE_MS = 60 * 60_000;
const AUTHORISED = [
  'AccountActivated',
  'AccountRolesChanged',
  'AccountNameChanged',
  'StaffDepartureRecorded',
  'AccountTerminated',
  'AccountDisabled',
  'AccountReenabled',
  'AccountReviewed',
];
/** Streams whose events are records about a customer: writing them needs a work reason that says something. */
const CUSTOMER_RECORDS = ['customer', 'case', 'assessment', 'referral', 'plan', 'access'];

interface Tracked {
  state: AccountState;
  activity: AccountActivity;
  terminatedAt?: string;
  departure?: RecordedEvent;
  trail: RecordedEvent[];
}

/**
 * The account audit (domain.md): each account's timeline, and the findings the memo asks for, with the
 * events that show them. Follows the whole store, catching up before every answer; findings are computed,
 * and a security officer's resolution is a FindingResolved on the finding's own stream.
 */
@Injectable()
export class AccountAudit {
  private position: Position | undefined;
  private readonly accounts = new Map<string, Tracked>();
  private readonly found = new Map<string, AccountFinding>();
  /** One finding per account and kind (but late terminations, one per termination). */
  private readonly byAccountAndKind = new Map<string, AccountFinding>();
  private readonly decisions = new Map<string, FindingState>();
  private catchingUp: Promise<void> | undefined;
  weakWorkReasons: readonly string[] = DEFAULT_WEAK_WORK_REASONS;

  constructor(private readonly store: EventStore) {}

  async trail(accountId: string): Promise<RecordedEvent[] | undefined> {
    await this.catchUp();
    return this.accounts.get(accountId)?.trail;
  }

  async findings(now: Date): Promise<AccountFinding[]> {
    await this.catchUp();
    const inactive = sweep(
      [...this.accounts.values()].map((a) => a.activity),
      now,
    ).inactive.map((a) => this.inactivityFinding(a));
    return [...this.found.values(), ...inactive.filter((f) => f !== undefined)].map((f) =>
      this.decisions.get(f.findingId)?.resolved ? { ...f, status: 'resolved' as const } : f,
    );
  }

  catchUp(): Promise<void> {
    this.catchingUp ??= this.read().finally(() => {
      this.catchingUp = undefined;
    });
    return this.catchingUp;
  }

  private async read(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({ after: this.position, limit: PAGE });
      for (const event of page) this.apply(event);
      if (page.length > 0) this.position = page[page.length - 1].position;
      if (page.length < PAGE) return;
    }
  }

  private apply(event: RecordedEvent): void {
    if (event.stream.startsWith('finding-')) {
      const id = (event.data as { findingId: string }).findingId;
      this.decisions.set(
        id,
        findings.evolve(this.decisions.get(id) ?? findings.initialState(), event as unknown as FindingEvent),
      );
      return;
    }
    this.checkActor(event);
    if (event.stream.startsWith('account-')) this.applyAccountEvent(event);
  }

  /** What an account did: after termination, while disabled, or with a work reason that says nothing. */
  private checkActor(event: RecordedEvent): void {
    const actorId = event.metadata.actor.accountId;
    const actor = this.accounts.get(actorId);
    if (!actor) return;
    if (actor.state.status === 'terminated') this.note('activity-after-termination', actorId, event);
    if (actor.state.status === 'disabled') this.note('activity-while-disabled', actorId, event);
    const category = event.stream.slice(0, event.stream.indexOf('-'));
    const reason = event.metadata.workReason ?? (event.data as { workReason?: string }).workReason;
    if (CUSTOMER_RECORDS.includes(category) && isWeakWorkReason(reason ?? '', this.weakWorkReasons)) {
      this.note('weak-work-reason', actorId, event);
    }
  }

  private applyAccountEvent(event: RecordedEvent): void {
    const accountId = (event.data as { accountId: string }).accountId;
    const tracked = this.accounts.get(accountId) ?? {
      state: accounts.initialState(),
      activity: { accountId, state: accounts.initialState() },
      trail: [],
    };
    tracked.state = accounts.evolve(tracked.state, event as unknown as AccountEvent);
    tracked.activity.state = tracked.state;
    tracked.trail.push(event);
    this.accounts.set(accountId, tracked);
    const data = event.data as { roles?: string[]; authorisedBy?: string; on?: string };
    if (event.type === 'AccountActive' && data.on)
      tracked.activity.lastActivity = max(tracked.activity.lastActivity, data.on);
    if (event.type === 'AccountActivated' || event.type === 'AccountReenabled') {
      tracked.activity.lastActivity = max(
        tracked.activity.lastActivity,
        event.metadata.recordedAt.slice(0, 10),
      );
    }
    if (event.type === 'AccountReviewed') tracked.activity.lastReviewedAt = event.metadata.recordedAt;
    if (data.roles && data.roles.length > 2) this.note('too-many-roles', accountId, event);
    if (data.roles?.includes('w2-fep') && data.roles.includes('w2-case-management-supervisor'))
      this.note('fep-with-supervisor', accountId, event);
    if (AUTHORISED.includes(event.type) && (!data.authorisedBy || data.authorisedBy === accountId))
      this.note('no-authoriser', accountId, event);
    if (event.type === 'StaffDepartureRecorded') tracked.departure = event;
    if (event.type === 'AccountTerminated') {
      tracked.terminatedAt = event.metadata.recordedAt;
      const departedAt = (tracked.departure?.data as { departedAt?: string } | undefined)?.departedAt;
      if (
        tracked.departure &&
        departedAt &&
        Date.parse(event.metadata.recordedAt) - Date.parse(departedAt) > LATE_MS
      ) {
        const finding = this.note('late-termination', accountId, tracked.departure);
        addEvidence(finding, event);
      }
    }
  }

  private note(kind: AccountFindingKind, accountId: string, event: RecordedEvent): AccountFinding {
    const key = `${kind}:${accountId}`;
    const existing = kind === 'late-termination' ? undefined : this.byAccountAndKind.get(key);
    if (existing) {
      addEvidence(existing, event);
      return existing;
    }
    const finding = findingFor(kind, accountId, event);
    this.found.set(finding.findingId, finding);
    this.byAccountAndKind.set(key, finding);
    return finding;
  }

  private inactivityFinding(activity: AccountActivity): AccountFinding | undefined {
    const trail = this.accounts.get(activity.accountId)?.trail;
    const last = trail?.at(-1);
    return (
      last && {
        ...findingFor('inactive-unreviewed', activity.accountId, last),
        detectedAt: last.metadata.recordedAt,
      }
    );
  }
}

function max(a: string | undefined, b: string): string {
  return a && a > b ? a : b;
}
