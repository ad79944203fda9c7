import type { Identity } from '../identity';
import { hashSsn } from '../ssn-hash';
import { type AddressParts, type Draw, renderLine1, renderPhone } from './synthetic-parts';

/** The truth about one generated person, before any record of them is written down. */
export interface Person {
  origin: 'en' | 'es';
  firstName: string;
  lastName: string;
  sex: 'F' | 'M';
  year: number;
  month: number;
  day: number;
  ssn: string | null;
  address: AddressParts | null;
  phone: string | null;
}

/** How one record happened to be written: which form of the address, whether sex was asked. */
export interface RecordStyle {
  abbreviatedAddress: boolean;
  sexRecorded: boolean;
}

/** The key synthetic SSNs are hashed under unless a test gives another. */
export const SYNTHETIC_SSN_KEY = 'synthetic-population-ssn-key';

export function styleFor(draw: Draw): RecordStyle {
  return { abbreviatedAddress: draw.chance(0.5), sexRecorded: draw.chance(0.97) };
}

export function recordOf(person: Person, style: RecordStyle, draw: Draw, ssnKey: string): Identity {
  const identity: Identity = {
    firstName: person.firstName,
    lastName: person.lastName,
    dateOfBirth: `${person.year}-${pad(person.month)}-${pad(person.day)}`,
  };
  if (person.ssn !== null) Object.assign(identity, hashSsn(person.ssn, ssnKey));
  if (style.sexRecorded) identity.sex = person.sex;
  if (person.address !== null) {
    const { city, postalCode } = person.address;
    identity.address = {
      line1: renderLine1(person.address, style.abbreviatedAddress),
      city,
      state: 'WI',
      postalCode,
    };
  }
  if (person.phone !== null) identity.phone = renderPhone(person.phone, draw);
  return identity;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
