import { EventStore, type Position, type RecordedEvent } from '@ledger/event-sourcing';
import { type Candidate, type Identity, MatchIndex, type SearchOptions } from '@ledger/matching';
import { PersonalDataProtector, type Sealed } from '@ledger/security';
import { Injectable } from '@nestjs/common';
import type { CustomerEvent, PersonalDetails } from '../customers/customer';

const PAGE = 2000;
const IDENTITY_EVENTS = [
  'CustomerRegistered',
  'CustomerDetailsCorrected',
  'CustomerMergedInto',
  'CustomerMergeUndone',
];

/**
 * Every registered customer's identity, decrypted into a record-linkage index in memory, for clearance
 * searches and duplicate checks. Follows the store, catching up before every use; a customer merged into
 * another leaves the index (and comes back if the merge is undone). Nothing of it is ever logged.
 */
@Injectable()
export class CustomerIdentities {
  private readonly index = new MatchIndex();
  private readonly identities = new Map<string, Identity>();
  private readonly merged = new Set<string>();
  /** Each merged duplicate's survivor, while the merge stands. */
  private readonly survivors = new Map<string, string>();
  private readonly registeredBy = new Map<string, string>();
  private position: Position | undefined;
  private catchingUp: Promise<void> | undefined;
  private readonly listeners: ((customerId: string) => void)[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly protector: PersonalDataProtector,
  ) {}

  /** Called with each customer whose identity changed, once the index holds the change. */
  onChange(listener: (customerId: string) => void): void {
    this.listeners.push(listener);
  }

  async search(identity: Identity, options: SearchOptions = {}): Promise<Candidate[]> {
    await this.catchUp();
    return this.index.search(identity, options);
  }

  async duplicatesOf(customerId: string): Promise<Candidate[]> {
    await this.catchUp();
    return this.index.has(customerId) ? this.index.duplicatesOf(customerId, { minGrade: 'probable' }) : [];
  }

  /**
   * The customer `customerId` stands for now, as of the last catch-up: its survivor, along a chain of
   * merges (a loop, which only imported history could hold, leaves the id as it is).
   */
  survivorOf(customerId: string): string {
    const seen = new Set([customerId]);
    let current = customerId;
    for (let next = this.survivors.get(current); next !== undefined; next = this.survivors.get(current)) {
      if (seen.has(next)) return customerId;
      seen.add(next);
      current = next;
    }
    return current;
  }

  /** The partner that registered the customer (findings are shown to the partners that serve them). */
  registrantOf(customerId: string): string | undefined {
    return this.registeredBy.get(customerId);
  }

  async identityOf(customerId: string): Promise<Identity | undefined> {
    await this.catchUp();
    return this.identities.get(customerId);
  }

  catchUp(): Promise<void> {
    this.catchingUp ??= this.read().finally(() => {
      this.catchingUp = undefined;
    });
    return this.catchingUp;
  }

  private async read(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({
        after: this.position,
        limit: PAGE,
        filter: { types: IDENTITY_EVENTS },
      });
      for (const event of page) await this.apply(event);
      if (page.length > 0) this.position = page[page.length - 1].position;
      if (page.length < PAGE) return;
    }
  }

  private async apply(recorded: RecordedEvent): Promise<void> {
    const event = recorded as unknown as CustomerEvent;
    const customerId = (event.data as { customerId: string }).customerId;
    switch (event.type) {
      case 'CustomerRegistered':
        this.registeredBy.set(customerId, event.data.registeredBy);
        await this.indexIdentity(customerId, event.data);
        break;
      case 'CustomerDetailsCorrected':
        await this.indexIdentity(customerId, event.data);
        break;
      case 'CustomerMergedInto':
        this.merged.add(customerId);
        this.survivors.set(customerId, event.data.survivorId);
        this.index.remove(customerId);
        break;
      case 'CustomerMergeUndone': {
        if (!event.data.wasDuplicate) return;
        this.merged.delete(customerId);
        this.survivors.delete(customerId);
        const identity = this.identities.get(customerId);
        if (identity) this.index.add(customerId, identity);
        break;
      }
      default:
        return;
    }
    for (const listener of this.listeners) listener(customerId);
  }

  private async indexIdentity(
    customerId: string,
    data: Parameters<CustomerIdentities['merge']>[2],
  ): Promise<void> {
    const identity = await this.merge(customerId, this.identities.get(customerId), data);
    if (!identity) return;
    this.identities.set(customerId, identity);
    if (!this.merged.has(customerId)) this.index.add(customerId, identity);
  }

  private async merge(
    customerId: string,
    previous: Identity | undefined,
    data: { personal?: Sealed; ssnHash?: string; ssnLast4?: string; sex?: string },
  ): Promise<Identity | undefined> {
    const personal = data.personal
      ? await this.protector.openFor<Partial<PersonalDetails>>(customerId, data.personal)
      : {};
    if (personal === undefined) return previous; // the customer's key was destroyed: nothing to match on
    const next = {
      ...previous,
      ...withoutUndefined(personal),
      ...withoutUndefined({ ssnHash: data.ssnHash, ssnLast4: data.ssnLast4, sex: data.sex }),
    };
    return next.firstName && next.lastName && next.dateOfBirth ? (next as Identity) : previous;
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== null),
  ) as Partial<T>;
}
