import { blockingKeysOf, hashKey, MAX_BLOCKING_KEYS } from './blocking';
import type { Candidate, Identity, MatchGrade } from './identity';
import { BlockTable } from './index-store/block-table';
import { IdentityColumns } from './index-store/identity-columns';
import { canonicalSsnHash } from './index-store/ssn-words';
import { DEFAULT_MODEL, DEFAULT_THRESHOLDS, gradeFor, weightTable } from './model';
import { type NormalisedIdentity, normaliseIdentity } from './normalise';
import { type MatchOptions, scoreVector } from './score';

export interface MatchIndexOptions extends MatchOptions {
  /** A key shared by more records than this (a placeholder birth date, say) is skipped in searches. */
  maxBlockSize?: number;
  /** Slots to reserve up front; the index grows by doubling either way. */
  initialCapacity?: number;
}

export interface SearchOptions {
  /** At most this many candidates, best first (default 50). */
  limit?: number;
  /** The lowest grade returned (default `possible`). */
  minGrade?: MatchGrade;
  /** Leave this customer out, e.g. the record a duplicate check starts from. */
  excludeCustomerId?: string;
}

const GRADE_RANK: Record<MatchGrade, number> = { possible: 0, probable: 1, certain: 2 };

/**
 * Customers' identities in memory, searchable by identity. A search compares only the records that share
 * a blocking key with the query, so its cost follows block sizes rather than the number of customers.
 */
export class MatchIndex {
  private readonly columns = new IdentityColumns();
  private readonly blocks = new BlockTable(MAX_BLOCKING_KEYS);
  private readonly slotOf = new Map<string, number>();
  private customerIds: (string | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private seen = new Uint32Array(0);
  private stamp = 0;
  private capacity = 0;
  private readonly options: Required<MatchOptions> & { maxBlockSize: number };

  constructor(options: MatchIndexOptions = {}) {
    this.options = {
      model: options.model ?? DEFAULT_MODEL,
      thresholds: options.thresholds ?? DEFAULT_THRESHOLDS,
      maxBlockSize: options.maxBlockSize ?? 2000,
    };
    this.ensureCapacity(options.initialCapacity ?? 1024);
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(customerId: string): boolean {
    return this.slotOf.has(customerId);
  }

  /** Adds a customer, or replaces what the index holds for them (a correction). */
  add(customerId: string, identity: Identity): void {
    this.addNormalised(customerId, canonical(normaliseIdentity(identity)));
  }

  /** `search` then `add`, normalising the identity once for both (its candidates exclude itself). */
  searchThenAdd(customerId: string, identity: Identity, options: SearchOptions = {}): Candidate[] {
    const normalised = canonical(normaliseIdentity(identity));
    const candidates = this.searchNormalised(normalised, { ...options, excludeCustomerId: customerId });
    this.addNormalised(customerId, normalised);
    return candidates;
  }

  private addNormalised(customerId: string, normalised: NormalisedIdentity): void {
    let slot = this.slotOf.get(customerId);
    if (slot === undefined) {
      slot = this.freeSlots.pop() ?? this.customerIds.length;
      if (slot >= this.capacity) this.ensureCapacity(this.capacity * 2);
      this.slotOf.set(customerId, slot);
      this.customerIds[slot] = customerId;
    }
    this.columns.write(slot, normalised);
    this.blocks.insert(slot, blockingKeysOf(normalised).map(hashKey));
  }

  remove(customerId: string): boolean {
    const slot = this.slotOf.get(customerId);
    if (slot === undefined) return false;
    this.blocks.remove(slot);
    this.columns.clear(slot);
    this.slotOf.delete(customerId);
    this.customerIds[slot] = undefined;
    this.freeSlots.push(slot);
    return true;
  }

  /** Candidates for an identity, best first (ties by customer id), each with its score, grade and reasons. */
  search(identity: Identity, options: SearchOptions = {}): Candidate[] {
    return this.searchNormalised(canonical(normaliseIdentity(identity)), options);
  }

  /** The customer's own identity as the index holds it, searched against everyone else. */
  duplicatesOf(customerId: string, options: Omit<SearchOptions, 'excludeCustomerId'> = {}): Candidate[] {
    const slot = this.slotOf.get(customerId);
    if (slot === undefined) return [];
    return this.searchNormalised(this.columns.read(slot), { ...options, excludeCustomerId: customerId });
  }

  /** How many records share a blocking key with the identity: what a search would compare. */
  candidateCount(identity: Identity): number {
    const normalised = canonical(normaliseIdentity(identity));
    const stamp = this.nextStamp();
    let count = 0;
    for (const key of blockingKeysOf(normalised)) {
      for (const slot of this.blocks.slotsFor(hashKey(key), this.options.maxBlockSize) ?? []) {
        if (this.seen[slot] !== stamp) count++;
        this.seen[slot] = stamp;
      }
    }
    return count;
  }

  private searchNormalised(identity: NormalisedIdentity, options: SearchOptions): Candidate[] {
    const excluded =
      options.excludeCustomerId === undefined ? -1 : (this.slotOf.get(options.excludeCustomerId) ?? -1);
    const minRank = GRADE_RANK[options.minGrade ?? 'possible'];
    const weights = weightTable(this.options.model);
    const query = this.columns.prepare(identity);
    const stamp = this.nextStamp();
    const candidates: Candidate[] = [];
    for (const key of blockingKeysOf(identity)) {
      for (const slot of this.blocks.slotsFor(hashKey(key), this.options.maxBlockSize) ?? []) {
        if (this.seen[slot] === stamp || slot === excluded) continue;
        this.seen[slot] = stamp;
        const { score, reasons } = scoreVector(this.columns.compare(query, slot), weights);
        const grade = gradeFor(score, this.options.thresholds);
        if (grade === null || GRADE_RANK[grade] < minRank) continue;
        candidates.push({ customerId: this.customerIds[slot]!, score, grade, reasons });
      }
    }
    candidates.sort((a, b) => b.score - a.score || (a.customerId < b.customerId ? -1 : 1));
    return candidates.slice(0, options.limit ?? 50);
  }

  private nextStamp(): number {
    if (this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  private ensureCapacity(capacity: number): void {
    this.columns.ensureSlots(capacity);
    this.blocks.ensureSlots(capacity);
    const seen = new Uint32Array(capacity);
    seen.set(this.seen);
    this.seen = seen;
    this.capacity = capacity;
  }
}

function canonical(identity: NormalisedIdentity): NormalisedIdentity {
  return identity.ssnHash === null ? identity : { ...identity, ssnHash: canonicalSsnHash(identity.ssnHash) };
}
