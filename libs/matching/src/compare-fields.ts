import { compareFirstNames, compareLastNames } from './compare-names';
import type { Agreement, ComparisonVector } from './identity';
import type { NormalisedIdentity } from './normalise';
import { similarity, withinOneEdit } from './string-similarity';

/** Dates as yyyymmdd numbers (0: missing). A day/month swap, one wrong digit or a year off by one is close. */
export function compareDatesOfBirth(a: number, b: number): Agreement {
  if (a === 0 || b === 0) return 'missing';
  if (a === b) return 'exact';
  const [yearA, monthA, dayA] = [Math.floor(a / 10000), Math.floor(a / 100) % 100, a % 100];
  const [yearB, monthB, dayB] = [Math.floor(b / 10000), Math.floor(b / 100) % 100, b % 100];
  if (yearA === yearB && monthA === dayB && dayA === monthB) return 'close';
  if (monthA === monthB && dayA === dayB && Math.abs(yearA - yearB) === 1) return 'close';
  let differing = 0;
  for (let x = a, y = b; x > 0 || y > 0; x = Math.floor(x / 10), y = Math.floor(y / 10)) {
    if (x % 10 !== y % 10) differing++;
  }
  return differing === 1 ? 'close' : 'different';
}

/**
 * `sameHash` is null when either side has no hash. Equal hashes are the same SSN; equal last four digits
 * alone (one side without a hash, or a slip in the first five digits) are only close.
 */
export function compareSsn(
  sameHash: boolean | null,
  last4A: string | null,
  last4B: string | null,
): Agreement {
  if (sameHash === true) return 'exact';
  if (last4A !== null && last4A === last4B) return 'close';
  if (sameHash === false || (last4A !== null && last4B !== null)) return 'different';
  return 'missing';
}

export function compareSex(a: string | null, b: string | null): Agreement {
  if (a === null || b === null) return 'missing';
  return a === b ? 'exact' : 'different';
}

/** Normalised first lines and postal codes. The same line elsewhere, or a slip in the line, is close. */
export function compareAddresses(
  line1A: string | null,
  postalA: string | null,
  line1B: string | null,
  postalB: string | null,
): Agreement {
  if (line1A === null || line1B === null) return 'missing';
  const samePostal = postalA !== null && postalA === postalB;
  if (line1A === line1B) return samePostal ? 'exact' : 'close';
  if (samePostal && (withinOneEdit(line1A, line1B) || sameHouseSimilarLine(line1A, line1B))) return 'close';
  return 'different';
}

function sameHouseSimilarLine(a: string, b: string): boolean {
  const numberA = a.split(' ')[0];
  return /\d/.test(numberA) && numberA === b.split(' ')[0] && similarity(a, b) >= 0.9;
}

/** Digits; the same last seven digits under another area code is close. */
export function comparePhones(a: string | null, b: string | null): Agreement {
  if (a === null || b === null) return 'missing';
  if (a === b) return 'exact';
  return a.slice(-7) === b.slice(-7) ? 'close' : 'different';
}

export function compareNormalised(a: NormalisedIdentity, b: NormalisedIdentity): ComparisonVector {
  const sameHash = a.ssnHash === null || b.ssnHash === null ? null : a.ssnHash === b.ssnHash;
  return {
    firstName: compareFirstNames(a.firstName, b.firstName),
    lastName: compareLastNames(a.lastName, b.lastName),
    dateOfBirth: compareDatesOfBirth(a.dateOfBirth, b.dateOfBirth),
    ssn: compareSsn(sameHash, a.ssnLast4, b.ssnLast4),
    sex: compareSex(a.sex, b.sex),
    address: compareAddresses(a.line1, a.postalCode, b.line1, b.postalCode),
    phone: comparePhones(a.phone, b.phone),
  };
}
