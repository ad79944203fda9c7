import { nicknamesOf } from '../nicknames';
import { isCalendarDate, normaliseName } from '../normalise';
import type { Person, RecordStyle } from './person';
import { type Draw, NAMES, newPhone, type ServiceArea } from './synthetic-parts';

/**
 * How often each mistake or change shows up in a second registration of the same person. Independent draws,
 * so a duplicate may carry several or none (a plain re-registration at another agency). The rates are
 * assumptions, not measurements: missing identifiers and changed contact details common, name typos and
 * nicknames less so, date-of-birth slips rare, the order usually described for duplicate client records.
 */
export const DUPLICATE_ERROR_RATES = {
  nickname: 0.08,
  'first-name-typo': 0.05,
  'transposed-letters': 0.03,
  'last-name-typo': 0.03,
  /** Per duplicate, scaled by sex: women change surnames on marriage four times as often in this data. */
  'last-name-changed': 0.04,
  'day-month-swap': 0.02,
  'date-digit': 0.02,
  'year-off-by-one': 0.01,
  'ssn-missing': 0.2,
  'ssn-typo': 0.01,
  'address-moved': 0.2,
  'address-reformatted': 0.3,
  'phone-missing': 0.15,
  'phone-changed': 0.1,
  'sex-missing': 0.05,
  'case-and-accents': 0.1,
} as const;

export type DuplicateError = keyof typeof DUPLICATE_ERROR_RATES;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

interface Draft {
  person: Person;
  style: RecordStyle;
  draw: Draw;
  area: ServiceArea;
}

/** Each mistake applied to a draft; false when it cannot apply (no nickname known, no SSN to lose). */
const MISTAKES: Record<DuplicateError, (draft: Draft) => boolean> = {
  nickname: ({ person, draw }) => {
    const others = nicknamesOf(normaliseName(person.firstName));
    if (others.length === 0) return false;
    person.firstName = capitalise(draw.pick(others));
    return true;
  },
  'first-name-typo': ({ person, draw }) => {
    person.firstName = typo(person.firstName, draw);
    return true;
  },
  'transposed-letters': ({ person, draw }) => {
    const field = draw.chance(0.5) ? 'firstName' : 'lastName';
    const swapped = transpose(person[field], draw);
    if (swapped === person[field]) return false;
    person[field] = swapped;
    return true;
  },
  'last-name-typo': ({ person, draw }) => {
    person.lastName = typo(person.lastName, draw);
    return true;
  },
  'last-name-changed': ({ person, draw }) => {
    const other = draw.pick(NAMES[person.origin].last);
    person.lastName = draw.chance(0.25) ? `${person.lastName}-${other}` : other;
    return true;
  },
  'day-month-swap': ({ person }) => {
    if (person.day > 12 || person.day === person.month) return false;
    [person.day, person.month] = [person.month, person.day];
    return true;
  },
  'date-digit': ({ person, draw }) => dateDigit(person, draw),
  'year-off-by-one': ({ person, draw }) => {
    if (person.month === 2 && person.day === 29) return false;
    person.year += draw.chance(0.5) ? 1 : -1;
    return true;
  },
  'ssn-missing': ({ person }) => {
    if (person.ssn === null) return false;
    person.ssn = null;
    return true;
  },
  'ssn-typo': ({ person, draw }) => {
    if (person.ssn === null) return false;
    // A slip in the first five digits: a different hash, the same last four.
    const at = draw.int(0, 4);
    const digit = String((Number(person.ssn[at]) + draw.int(1, 9)) % 10);
    person.ssn = person.ssn.slice(0, at) + digit + person.ssn.slice(at + 1);
    return true;
  },
  'address-moved': ({ person, draw, area }) => {
    if (person.address === null) return false;
    person.address = area.address(draw);
    return true;
  },
  'address-reformatted': ({ person, style }) => {
    if (person.address === null) return false;
    style.abbreviatedAddress = !style.abbreviatedAddress;
    return true;
  },
  'phone-missing': ({ person }) => {
    if (person.phone === null) return false;
    person.phone = null;
    return true;
  },
  'phone-changed': ({ person, draw }) => {
    if (person.phone === null) return false;
    person.phone = newPhone(draw);
    return true;
  },
  'sex-missing': ({ style }) => {
    if (!style.sexRecorded) return false;
    style.sexRecorded = false;
    return true;
  },
  'case-and-accents': ({ person, draw }) => {
    const fold = (name: string) => name.normalize('NFKD').replace(/\p{M}/gu, '');
    const change = draw.chance(0.5) ? (name: string) => name.toUpperCase() : fold;
    person.firstName = change(person.firstName);
    person.lastName = change(person.lastName);
    return true;
  },
};

/** A changed copy of a person as a clerk might record them again, and the mistakes it carries. */
export function withErrors(
  person: Person,
  style: RecordStyle,
  draw: Draw,
  area: ServiceArea,
): { person: Person; style: RecordStyle; errors: DuplicateError[] } {
  const draft: Draft = { person: { ...person }, style: { ...style }, draw, area };
  const errors: DuplicateError[] = [];
  for (const error of Object.keys(MISTAKES) as DuplicateError[]) {
    // Marriage changes women's surnames far more often than men's.
    const scale = error === 'last-name-changed' ? (person.sex === 'F' ? 1.6 : 0.4) : 1;
    if (draw.chance(DUPLICATE_ERROR_RATES[error] * scale) && MISTAKES[error](draft)) errors.push(error);
  }
  return { person: draft.person, style: draft.style, errors };
}

function capitalise(name: string): string {
  return name.replace(/(^|[ -])(\p{L})/gu, (_, gap: string, letter: string) => gap + letter.toUpperCase());
}

/** One letter replaced, added or dropped; rarely the first, which people check best. */
function typo(name: string, draw: Draw): string {
  if (name.length < 2) return `${name}${draw.pick([...LETTERS])}`;
  const at = draw.chance(0.1) ? 0 : draw.int(1, name.length - 1);
  const letter = draw.pick([...LETTERS.replace(name[at]?.toLowerCase() ?? '', '')]);
  const kind = name.length < 4 ? draw.int(0, 1) : draw.int(0, 2);
  if (kind === 0) return name.slice(0, at) + (at === 0 ? letter.toUpperCase() : letter) + name.slice(at + 1);
  if (kind === 1) return name.slice(0, at + 1) + letter + name.slice(at + 1);
  return name.slice(0, at) + name.slice(at + 1);
}

function transpose(name: string, draw: Draw): string {
  if (name.length < 3) return name;
  const at = draw.int(1, name.length - 2);
  return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
}

/** One digit of YYYYMMDD changed, keeping a calendar date in a plausible year. */
function dateDigit(person: Person, draw: Draw): boolean {
  const digits = `${person.year}${String(person.month).padStart(2, '0')}${String(person.day).padStart(2, '0')}`;
  for (let attempt = 0; attempt < 10; attempt++) {
    const at = draw.int(2, 7);
    const changed = digits.slice(0, at) + String(draw.int(0, 9)) + digits.slice(at + 1);
    const [year, month, day] = [
      Number(changed.slice(0, 4)),
      Number(changed.slice(4, 6)),
      Number(changed.slice(6)),
    ];
    if (changed !== digits && year >= 1900 && year <= 2025 && isCalendarDate(year, month, day)) {
      Object.assign(person, { year, month, day });
      return true;
    }
  }
  return false;
}
