import type { Identity } from './identity';
import { type NormalisedIdentity, normaliseIdentity } from './normalise';
import { metaphone } from './phonetic';

/**
 * Keys that a record and its duplicates are likely to share, so a search compares only records that share
 * one. Each key survives a different kind of error: the SSN hash survives every name and date mistake; the
 * full date of birth survives name changes and typos; the surname's sound plus birth year survives a slip
 * in the month or day, and with month and day instead a slip in the year; the given name's sound plus postal code survives a wrong year; the phone number
 * survives everything but a new number.
 */
export function blockingKeysOf(identity: NormalisedIdentity): string[] {
  const keys: string[] = [];
  if (identity.ssnHash !== null) keys.push(`ssn:${identity.ssnHash}`);
  if (identity.dateOfBirth !== 0) {
    keys.push(`dob:${identity.dateOfBirth}`);
    const surname = identity.lastName && metaphone(identity.lastName.split(' ')[0])[0];
    if (surname) {
      keys.push(`surname-year:${surname}:${Math.floor(identity.dateOfBirth / 10000)}`);
      keys.push(`surname-birthday:${surname}:${identity.dateOfBirth % 10000}`);
    }
  }
  if (identity.postalCode !== null) {
    const given = identity.firstName && metaphone(identity.firstName.split(' ')[0])[0];
    if (given) keys.push(`given-postal:${given}:${identity.postalCode}`);
  }
  if (identity.phone !== null) keys.push(`phone:${identity.phone}`);
  return keys;
}

export function blockingKeys(identity: Identity): string[] {
  return blockingKeysOf(normaliseIdentity(identity));
}

/** The most keys a record has; the index reserves this many entries per record. */
export const MAX_BLOCKING_KEYS = 6;

/** FNV-1a with a murmur3 finish, so the low bits that pick a bucket are well mixed. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
