import { EventStore, type Position, type RecordedEvent } from '@ledger/event-sourcing';
import { Injectable } from '@nestjs/common';
import { type AgreementEvent, type AgreementState, agreements } from '../agreements/agreement';
import { type CustomerFile, emptyFile } from './customer-file';

const CATEGORIES = ['agreement', 'assessment', 'referral', 'plan', 'partner', 'customer'];
const PAGE = 2000;

type Data = Record<string, unknown> & { customerId: string };

/**
 * What the write side's rules read across streams: agreements, and each customer's file. Follows the
 * store (catching up before every use), and serialises the commands of one customer, so a rule such
 * as "no second open referral" holds even when two arrive at once: every append goes through here.
 */
@Injectable()
export class LedgerIndex {
  private position: Position | undefined;
  private readonly filesByCustomer = new Map<string, CustomerFile>();
  readonly agreements = new Map<string, AgreementState>();
  /** The programs each listed service serves (a referral to a service is a referral into those programs). */
  readonly servicePrograms = new Map<string, string[]>();
  private readonly locks = new Map<string, Promise<unknown>>();
  /** Duplicate → survivor, for the merges in effect: the survivor's rules see the duplicate's records. */
  private readonly mergedInto = new Map<string, string>();

  constructor(private readonly store: EventStore) {}

  /** Runs `work` alone among this customer's commands, on an index that has caught up with the store. */
  async forCustomer<T>(customerId: string, work: (file: CustomerFile) => Promise<T>): Promise<T> {
    const previous = this.locks.get(customerId) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(async () => {
        await this.catchUp();
        return work(this.fileOf(customerId));
      });
    this.locks.set(customerId, run);
    try {
      return await run;
    } finally {
      if (this.locks.get(customerId) === run) this.locks.delete(customerId);
    }
  }

  /**
   * The customer's file joined with the files of the customers merged into it (one person registered
   * twice has one set of open referrals, assessments and plans). Commands on a merged duplicate are
   * refused (CUSTOMER_MERGED), so only a survivor's file is ever asked for with others joined.
   */
  private fileOf(customerId: string): CustomerFile {
    const own = this.filesByCustomer.get(customerId) ?? emptyFile(customerId);
    const joined = [...this.mergedInto.keys()]
      .filter((id) => this.survivorOf(id) === customerId)
      .flatMap((id) => this.filesByCustomer.get(id) ?? []);
    if (joined.length === 0) return own;
    const join = <T>(pick: (file: CustomerFile) => Map<string, T>) =>
      new Map([own, ...joined].flatMap((file) => [...pick(file)]));
    return {
      customerId,
      assessments: join((f) => f.assessments),
      referrals: join((f) => f.referrals),
      plans: join((f) => f.plans),
    };
  }

  /** Follows a chain of merges (a loop, which the write side never records, stops where it repeats). */
  private survivorOf(customerId: string): string {
    const seen = new Set<string>();
    let id = customerId;
    while (this.mergedInto.has(id) && !seen.has(id)) {
      seen.add(id);
      id = this.mergedInto.get(id)!;
    }
    return id;
  }

  /** Every customer's file, as of the last catch-up (for views computed across customers). */
  files(): Iterable<CustomerFile> {
    return this.filesByCustomer.values();
  }

  async catchUp(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({
        after: this.position,
        limit: PAGE,
        filter: { categories: CATEGORIES },
      });
      for (const event of page) this.apply(event);
      if (page.length > 0) this.position = page[page.length - 1].position;
      if (page.length < PAGE) return;
    }
  }

  private apply(event: RecordedEvent): void {
    if (event.stream.startsWith('partner-')) {
      const data = event.data as {
        serviceId?: string;
        programs?: string[];
        changes?: { programs?: string[] };
      };
      if (event.type === 'PartnerServiceListed' && data.serviceId)
        this.servicePrograms.set(data.serviceId, data.programs ?? []);
      if (event.type === 'PartnerServiceUpdated' && data.serviceId && data.changes?.programs) {
        this.servicePrograms.set(data.serviceId, data.changes.programs);
      }
      return;
    }
    if (event.stream.startsWith('agreement-')) {
      const state = this.agreements.get(event.stream) ?? agreements.initialState();
      this.agreements.set(event.stream, agreements.evolve(state, event as unknown as AgreementEvent));
      return;
    }
    const data = event.data as Data;
    if (event.stream.startsWith('customer-')) {
      if (event.type === 'CustomerMergedInto')
        this.mergedInto.set(data.customerId, data.survivorId as string);
      if (event.type === 'CustomerMergeUndone' && data.wasDuplicate) this.mergedInto.delete(data.customerId);
      return;
    }
    const file = this.filesByCustomer.get(data.customerId) ?? emptyFile(data.customerId);
    this.filesByCustomer.set(data.customerId, file);
    applyToFile(file, event.type, data);
  }
}

function applyToFile(file: CustomerFile, type: string, data: Data): void {
  const str = (key: string) => data[key] as string;
  switch (type) {
    case 'AssessmentRecorded':
      file.assessments.set(str('assessmentId'), {
        assessmentId: str('assessmentId'),
        partnerId: str('partnerId'),
        kind: str('kind'),
        performedAt: str('performedAt'),
        superseded: false,
      });
      return;
    case 'AssessmentSuperseded': {
      const entry = file.assessments.get(str('assessmentId'));
      if (entry) entry.superseded = true;
      return;
    }
    case 'ReferralMade':
      file.referrals.set(str('referralId'), {
        referralId: str('referralId'),
        fromPartnerId: str('fromPartnerId'),
        toPartnerId: str('toPartnerId'),
        serviceId: data.serviceId as string | undefined,
        status: 'requested',
      });
      return;
    case 'PlanCreated':
      file.plans.set(str('planId'), {
        planId: str('planId'),
        partnerId: str('partnerId'),
        closed: false,
        activities: new Map(),
      });
      return;
    case 'PlanClosed': {
      const plan = file.plans.get(str('planId'));
      if (plan) plan.closed = true;
      return;
    }
    default:
      applyReferralStatus(file, type, data);
      applyActivity(file, type, data);
  }
}

const REFERRAL_STATUS: Record<string, string | ((data: Data) => string)> = {
  ReferralAccepted: 'accepted',
  ReferralRejected: 'rejected',
  ReferralStarted: 'in-progress',
  ReferralCancelled: 'cancelled',
  ReferralOutcomeRecorded: (data) => data.status as string,
};

function applyReferralStatus(file: CustomerFile, type: string, data: Data): void {
  const status = REFERRAL_STATUS[type];
  const entry = status && file.referrals.get(data.referralId as string);
  if (entry) entry.status = typeof status === 'function' ? status(data) : status;
}

function applyActivity(file: CustomerFile, type: string, data: Data): void {
  const plan = file.plans.get(data.planId as string);
  if (!plan) return;
  const activityId = data.activityId as string;
  if (type === 'PlanActivityAssigned') {
    const { type: activityType, providerPartnerId, startDate, endDate, weeklyHours } = data as never;
    plan.activities.set(activityId, {
      activityId,
      type: activityType,
      providerPartnerId,
      startDate,
      endDate,
      weeklyHours,
      ended: false,
    });
  } else if (type === 'PlanActivityChanged') {
    const activity = plan.activities.get(activityId);
    if (activity) Object.assign(activity, data.changes as object);
  } else if (type === 'PlanActivityEnded') {
    const activity = plan.activities.get(activityId);
    if (activity) {
      activity.endDate = data.endDate as string;
      activity.ended = true;
    }
  }
}
