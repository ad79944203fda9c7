import { EventStore, type Position, type RecordedEvent } from '@ledger/event-sourcing';
import { type Candidate, type Identity, MatchIndex, type SearchOptions } from '@ledger/matching';
import { PersonalDataProtector, type Sealed } from '@ledger/security';
import { Injectable } from '@nestjs/common';
import type { CustomerEvent, PersonalDetails } from '../customers/customer';
import { SoleWriter } from '../shared/sole-writer';

const PAGE = 2000;
/** Plaintexts of values sealed here, waiting for their events to be indexed (registrations in flight). */
const SEALED_HERE_MAX = 10_000;
/** With a sole writer, how long the index trusts "no append reported": a net for another process's writes. */
const TRUST_MS = 1000;
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
  private catchingUp: { promise: Promise<void>; seen: number } | undefined;
  private readonly listeners: ((customerId: string) => void)[] = [];
  /** Appends to customers' streams this process committed (counted only with a sole writer). */
  private appended = 0;
  /** `appended` when the last completed read began, and when that was: all earlier appends are indexed. */
  private readUpTo = { appended: -1, at: 0 };
  /** Registrations of this process between their clearance and their commit (not in the index yet). */
  private readonly claims = new MatchIndex({ initialCapacity: 64 });
  private readonly claimed = new Map<string, Identity>();
  /** By the sealed value's IV (random per seal): what a handler of this process sealed, as it sealed it. */
  private readonly sealedHere = new Map<string, { sealed: Sealed; personal: Partial<PersonalDetails> }>();

  constructor(
    private readonly store: EventStore,
    private readonly protector: PersonalDataProtector,
    private readonly soleWriter: SoleWriter,
  ) {
    if (soleWriter.enabled) {
      store.onAppended((streams) => {
        if (streams.some((stream) => stream.startsWith('customer-'))) this.appended++;
      });
    }
  }

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
   * Claims `identity` for a registration about to be appended and answers the registrations in flight that
   * it matches, whose events the index cannot hold yet. Synchronous, so that of two registrations of one
   * person racing in this process, the second to claim sees the first. `release` once the append has
   * committed (the index then finds it) or failed.
   */
  claim(customerId: string, identity: Identity): { candidates: Candidate[]; release(): void } {
    // An index of its own, so a claim is compared only with the claims that share a blocking key.
    const candidates = this.claims.searchThenAdd(customerId, identity);
    this.claimed.set(customerId, identity);
    const release = () => {
      if (this.claimed.get(customerId) !== identity) return;
      this.claimed.delete(customerId);
      this.claims.remove(customerId);
    };
    return { candidates, release };
  }

  /** A registration's identity while it is claimed (to show it masked). */
  claimedIdentity(customerId: string): Identity | undefined {
    return this.claimed.get(customerId);
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

  /**
   * A handler sealed `personal` as `sealed` for an event it is appending: when the event is indexed, its
   * details are taken from here instead of being decrypted again. `forgetSealed` if the append fails.
   */
  rememberSealed(sealed: Sealed, personal: Partial<PersonalDetails>): void {
    if (this.sealedHere.size >= SEALED_HERE_MAX) this.sealedHere.delete(this.sealedHere.keys().next().value!);
    this.sealedHere.set(sealed.iv, { sealed, personal });
  }

  forgetSealed(sealed: Sealed): void {
    this.sealedHere.delete(sealed.iv);
  }

  /** The partner that registered the customer (findings are shown to the partners that serve them). */
  registrantOf(customerId: string): string | undefined {
    return this.registeredBy.get(customerId);
  }

  async identityOf(customerId: string): Promise<Identity | undefined> {
    await this.catchUp();
    return this.identities.get(customerId);
  }

  /**
   * Brings the index up to the store. With a sole writer it reads only when a customer append committed since
   * the last read began (every registration otherwise paid a query, and SQLite rereads its pages after each
   * commit), and a read begun before the latest commit is followed by another.
   */
  async catchUp(now = Date.now()): Promise<void> {
    if (!this.soleWriter.enabled) return this.readOnce();
    for (;;) {
      const wanted = this.appended;
      if (this.readUpTo.appended === wanted && now - this.readUpTo.at < TRUST_MS) return;
      const inFlight = this.catchingUp;
      await this.readOnce();
      if (inFlight === undefined || inFlight.seen >= wanted) return;
    }
  }

  /** A read of everything after the index's position, shared by the callers that arrive while it runs. */
  private readOnce(): Promise<void> {
    if (!this.catchingUp) {
      const seen = { appended: this.appended, at: Date.now() };
      const promise = this.read()
        .then(() => {
          this.readUpTo = seen;
        })
        .finally(() => {
          this.catchingUp = undefined;
        });
      this.catchingUp = { promise, seen: seen.appended };
    }
    return this.catchingUp.promise;
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
    const personal = data.personal ? await this.open(customerId, data.personal) : {};
    if (personal === undefined) return previous; // the customer's key was destroyed: nothing to match on
    const next = {
      ...previous,
      ...withoutUndefined(personal),
      ...withoutUndefined({ ssnHash: data.ssnHash, ssnLast4: data.ssnLast4, sex: data.sex }),
    };
    return next.firstName && next.lastName && next.dateOfBirth ? (next as Identity) : previous;
  }

  /** A sealed value's plaintext: as this process sealed it, or decrypted; undefined once the key is gone. */
  private async open(customerId: string, sealed: Sealed): Promise<Partial<PersonalDetails> | undefined> {
    const here = this.sealedHere.get(sealed.iv);
    if (here && here.sealed.data === sealed.data) {
      this.sealedHere.delete(sealed.iv);
      if (await this.protector.keyOf(customerId)) return here.personal;
    }
    return this.protector.openFor<Partial<PersonalDetails>>(customerId, sealed);
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== null),
  ) as Partial<T>;
}
