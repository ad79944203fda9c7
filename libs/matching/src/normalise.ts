import { ADDRESS_ABBREVIATIONS } from './address-abbreviations';
import type { Identity } from './identity';

/** An identity reduced to what comparisons look at. Empty names and `null`s are missing values. */
export interface NormalisedIdentity {
  firstName: string;
  lastName: string;
  /** yyyymmdd as a number; 0 when missing or not a calendar date. */
  dateOfBirth: number;
  ssnHash: string | null;
  ssnLast4: string | null;
  sex: 'F' | 'M' | 'X' | null;
  line1: string | null;
  postalCode: string | null;
  phone: string | null;
}

const GENERATIONAL_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

function foldText(raw: string): string {
  // Most names are plain ASCII; NFKD and the Unicode class are only needed (and slow) for the rest.
  if (/^[\x20-\x7e]*$/.test(raw)) return raw.toLowerCase();
  // NFKD splits "é" into "e" + a combining accent, which the \p{M} class then drops.
  return raw.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Lower case, no accents, apostrophes dropped ("O'Brien" → "obrien"), other non-letters a single space. */
export function normaliseName(raw: string | undefined): string {
  if (!raw) return '';
  const folded = foldText(raw).replace(/['’`]/g, '');
  if (/^[a-z]+$/.test(folded)) return folded;
  return folded.replace(/[^\p{L}]+/gu, ' ').trim();
}

/** A last name also loses a generational suffix: "Smith Jr." is filed under "smith". */
export function normaliseLastName(raw: string | undefined): string {
  const tokens = normaliseName(raw).split(' ');
  while (tokens.length > 1 && GENERATIONAL_SUFFIXES.has(tokens[tokens.length - 1])) tokens.pop();
  return tokens.join(' ');
}

/** yyyymmdd, or 0 when the text is not an ISO calendar date. */
export function parseDateOfBirth(raw: string | undefined): number {
  const match = raw ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim()) : null;
  if (!match) return 0;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isCalendarDate(year, month, day)) return 0;
  return year * 10000 + month * 100 + day;
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/** Digits only, a leading US country code dropped; fewer than 7 digits is no phone number at all. */
export function normalisePhone(raw: string | undefined): string | null {
  if (!raw) return null;
  let digits = raw.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  return digits.length >= 7 && digits.length <= 15 ? digits : null;
}

/** The five-digit ZIP (ZIP+4 cut to five); other postal codes upper case without spaces. */
export function normalisePostalCode(raw: string | undefined): string | null {
  if (!raw) return null;
  const compact = raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (/^\d{5}(\d{4})?$/.test(compact)) return compact.slice(0, 5);
  return compact.length > 0 ? compact : null;
}

/** Lower case, no accents or punctuation, USPS abbreviations ("Street" → "st", "#4" → "apt 4"). */
export function normaliseAddressLine(raw: string | undefined): string | null {
  if (!raw) return null;
  const tokens = foldText(raw)
    .replace(/#/g, ' apt ')
    .replace(/[.'’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0)
    .map((token) => ADDRESS_ABBREVIATIONS[token] ?? token);
  // "Apt #4" became "apt apt 4"; one designator is enough.
  const line = tokens.filter((token, i) => !(token === 'apt' && tokens[i + 1] === 'apt')).join(' ');
  return line.length > 0 ? line : null;
}

export function normaliseSex(raw: string | undefined): 'F' | 'M' | 'X' | null {
  const value = raw?.trim().toLowerCase();
  if (!value) return null;
  if (['f', 'female', 'woman', 'w'].includes(value)) return 'F';
  if (['m', 'male', 'man'].includes(value)) return 'M';
  if (['x', 'nonbinary', 'non-binary', 'other'].includes(value)) return 'X';
  return null;
}

export function normaliseIdentity(identity: Identity): NormalisedIdentity {
  const ssnHash = identity.ssnHash?.trim().toLowerCase();
  const last4 = identity.ssnLast4?.replace(/\D/g, '');
  return {
    firstName: normaliseName(identity.firstName),
    lastName: normaliseLastName(identity.lastName),
    dateOfBirth: parseDateOfBirth(identity.dateOfBirth),
    ssnHash: ssnHash ? ssnHash : null,
    ssnLast4: last4 && last4.length === 4 ? last4 : null,
    sex: normaliseSex(identity.sex),
    line1: normaliseAddressLine(identity.address?.line1),
    postalCode: normalisePostalCode(identity.address?.postalCode),
    phone: normalisePhone(identity.phone),
  };
}
