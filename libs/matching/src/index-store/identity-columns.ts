import {
  compareAddresses,
  compareDatesOfBirth,
  comparePhones,
  compareSex,
  compareSsn,
} from '../compare-fields';
import { compareFirstNames, compareLastNames } from '../compare-names';
import type { Agreement, ComparisonVector } from '../identity';
import type { NormalisedIdentity } from '../normalise';
import { grow } from './grow';
import { readSsnWords, sameSsnWords, writeSsnWords } from './ssn-words';
import { StringPool } from './string-pool';
import { TextHeap } from './text-heap';

const SEX_CODES = [null, 'F', 'M', 'X'] as const;

/** What a search holds of the query, prepared once, plus per-search memos of name comparisons by pool id. */
export interface PreparedQuery {
  identity: NormalisedIdentity;
  ssnWords: Uint32Array | null;
  firstNames: Map<number, Agreement>;
  lastNames: Map<number, Agreement>;
}

/**
 * Normalised identities in columns, one typed-array element per slot: names and postal codes as pool ids,
 * the date as yyyymmdd, the SSN hash as eight words, the phone as the number "1" + its digits (so leading
 * zeros survive), first address lines in a text heap. About 80 bytes a record and almost no heap objects.
 */
export class IdentityColumns {
  private readonly names = new StringPool();
  private readonly postalCodes = new StringPool();
  private readonly lines = new TextHeap();
  private firstName = new Int32Array(0);
  private lastName = new Int32Array(0);
  private dateOfBirth = new Int32Array(0);
  private hasSsnHash = new Uint8Array(0);
  private ssnWords = new Uint32Array(0);
  private ssnLast4 = new Int16Array(0);
  private sex = new Uint8Array(0);
  private postalCode = new Int32Array(0);
  private phone = new Float64Array(0);

  ensureSlots(capacity: number): void {
    if (capacity <= this.firstName.length) return;
    this.firstName = grow(this.firstName, capacity, -1);
    this.lastName = grow(this.lastName, capacity, -1);
    this.dateOfBirth = grow(this.dateOfBirth, capacity);
    this.hasSsnHash = grow(this.hasSsnHash, capacity);
    this.ssnWords = grow(this.ssnWords, capacity * 8);
    this.ssnLast4 = grow(this.ssnLast4, capacity, -1);
    this.sex = grow(this.sex, capacity);
    this.postalCode = grow(this.postalCode, capacity, -1);
    this.phone = grow(this.phone, capacity);
    this.lines.ensureSlots(capacity);
  }

  /** `identity.ssnHash` must already be canonical (see `canonicalSsnHash`). */
  write(slot: number, identity: NormalisedIdentity): void {
    this.firstName[slot] = identity.firstName === '' ? -1 : this.names.intern(identity.firstName);
    this.lastName[slot] = identity.lastName === '' ? -1 : this.names.intern(identity.lastName);
    this.dateOfBirth[slot] = identity.dateOfBirth;
    this.hasSsnHash[slot] = identity.ssnHash === null ? 0 : 1;
    if (identity.ssnHash !== null) writeSsnWords(identity.ssnHash, this.ssnWords, slot * 8);
    this.ssnLast4[slot] = identity.ssnLast4 === null ? -1 : Number(identity.ssnLast4);
    this.sex[slot] = SEX_CODES.indexOf(identity.sex);
    this.postalCode[slot] = identity.postalCode === null ? -1 : this.postalCodes.intern(identity.postalCode);
    this.phone[slot] = identity.phone === null ? 0 : Number(`1${identity.phone}`);
    this.lines.set(slot, identity.line1);
  }

  clear(slot: number): void {
    this.lines.clear(slot);
  }

  read(slot: number): NormalisedIdentity {
    return {
      firstName: this.nameAt(this.firstName[slot]),
      lastName: this.nameAt(this.lastName[slot]),
      dateOfBirth: this.dateOfBirth[slot],
      ssnHash: this.hasSsnHash[slot] ? readSsnWords(this.ssnWords, slot * 8) : null,
      ssnLast4: this.last4At(slot),
      sex: SEX_CODES[this.sex[slot]],
      line1: this.lines.get(slot),
      postalCode: this.postalCode[slot] < 0 ? null : this.postalCodes.value(this.postalCode[slot]),
      phone: this.phone[slot] === 0 ? null : String(this.phone[slot]).slice(1),
    };
  }

  /** The same comparisons as `compareNormalised`, read straight from the columns. */
  compare(query: PreparedQuery, slot: number): ComparisonVector {
    const q = query.identity;
    const sameHash =
      query.ssnWords === null || !this.hasSsnHash[slot]
        ? null
        : sameSsnWords(query.ssnWords, 0, this.ssnWords, slot * 8);
    const postal = this.postalCode[slot];
    return {
      firstName: this.compareName(query.firstNames, q.firstName, this.firstName[slot], compareFirstNames),
      lastName: this.compareName(query.lastNames, q.lastName, this.lastName[slot], compareLastNames),
      dateOfBirth: compareDatesOfBirth(q.dateOfBirth, this.dateOfBirth[slot]),
      ssn: compareSsn(sameHash, q.ssnLast4, this.last4At(slot)),
      sex: compareSex(q.sex, SEX_CODES[this.sex[slot]]),
      address:
        q.line1 === null
          ? 'missing'
          : compareAddresses(
              q.line1,
              q.postalCode,
              this.lines.get(slot),
              postal < 0 ? null : this.postalCodes.value(postal),
            ),
      phone: comparePhones(q.phone, this.phone[slot] === 0 ? null : String(this.phone[slot]).slice(1)),
    };
  }

  prepare(identity: NormalisedIdentity): PreparedQuery {
    let ssnWords: Uint32Array | null = null;
    if (identity.ssnHash !== null) {
      ssnWords = new Uint32Array(8);
      writeSsnWords(identity.ssnHash, ssnWords, 0);
    }
    return { identity, ssnWords, firstNames: new Map(), lastNames: new Map() };
  }

  private compareName(
    memo: Map<number, Agreement>,
    queryName: string,
    id: number,
    compare: (a: string, b: string) => Agreement,
  ): Agreement {
    if (id < 0 || queryName === '') return 'missing';
    let agreement = memo.get(id);
    if (agreement === undefined) {
      agreement = compare(queryName, this.names.value(id));
      memo.set(id, agreement);
    }
    return agreement;
  }

  private nameAt(id: number): string {
    return id < 0 ? '' : this.names.value(id);
  }

  private last4At(slot: number): string | null {
    const last4 = this.ssnLast4[slot];
    return last4 < 0 ? null : String(last4).padStart(4, '0');
  }
}
