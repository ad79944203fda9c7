import { EventStore, type Position, type RecordedEvent } from '@ledger/event-sourcing';
import { Injectable } from '@nestjs/common';

/** api.md "View answers": who read or received a customer's data, when and why. */
export interface Disclosure {
  at: string;
  accountId: string;
  partnerId: string | null;
  kind: 'read' | 'referral' | 'assessment-share' | 'export' | 'plan-conflict';
  categories: string[];
  workReason: string;
  route?: string;
}

const PAGE = 5000;
const TYPES = ['RecordAccessed', 'ClearanceSearched', 'ReferralMade', 'AssessmentShared'];

/**
 * The accounting of disclosures for each customer: reads from the access log (clearance candidates
 * included), data received through referrals, and assessments shared. Follows the store.
 */
@Injectable()
export class Disclosures {
  private position: Position | undefined;
  private readonly byCustomer = new Map<string, Disclosure[]>();
  private catchingUp: Promise<void> | undefined;

  constructor(private readonly store: EventStore) {}

  async of(customerId: string): Promise<Disclosure[]> {
    this.catchingUp ??= this.read().finally(() => {
      this.catchingUp = undefined;
    });
    await this.catchingUp;
    return this.byCustomer.get(customerId) ?? [];
  }

  private async read(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({ after: this.position, limit: PAGE, filter: { types: TYPES } });
      for (const event of page) this.apply(event);
      if (page.length > 0) this.position = page[page.length - 1].position;
      if (page.length < PAGE) return;
    }
  }

  private apply(event: RecordedEvent): void {
    const data = event.data as Record<string, unknown>;
    const { actor, workReason = '', recordedAt: at } = event.metadata;
    const by = {
      at,
      accountId: actor.accountId,
      partnerId: actor.partnerId,
      workReason: (data.workReason as string) ?? workReason,
    };
    switch (event.type) {
      case 'RecordAccessed':
        this.add(data.customerId as string, {
          ...by,
          kind: data.kind as Disclosure['kind'],
          categories: data.categories as string[],
          route: data.route as string,
        });
        return;
      case 'ClearanceSearched':
        for (const id of data.candidateIds as string[])
          this.add(id, { ...by, kind: 'read', categories: ['identity'], route: data.route as string });
        return;
      case 'ReferralMade':
        this.add(data.customerId as string, {
          ...by,
          workReason,
          partnerId: data.toPartnerId as string,
          kind: 'referral',
          categories: data.sharedCategories as string[],
        });
        return;
      case 'AssessmentShared':
        this.add(data.customerId as string, {
          ...by,
          workReason,
          partnerId: data.partnerId as string,
          kind: 'assessment-share',
          categories: ['assessment'],
        });
    }
  }

  private add(customerId: string, disclosure: Disclosure): void {
    const list = this.byCustomer.get(customerId) ?? [];
    list.push(disclosure);
    this.byCustomer.set(customerId, list);
  }
}
