import type { Identity } from '../identity';
import { isCalendarDate } from '../normalise';
import { type DuplicateError, withErrors } from './duplicate-errors';
import { type Person, type RecordStyle, recordOf, SYNTHETIC_SSN_KEY, styleFor } from './person';
import { Draw, NAMES, newPhone, ServiceArea } from './synthetic-parts';

export interface PopulationOptions {
  seed: number;
  people: number;
  /** Duplicate records made, as a share of `people` (default 0.1: 100 people, 110 records). */
  duplicateRate?: number;
  ssnKey?: string;
}

export interface SyntheticRecord {
  id: string;
  identity: Identity;
}

export interface Population {
  /** People first (record i is person i), then the duplicates. */
  records: SyntheticRecord[];
  /** Kept aside from the records: who is who. */
  truth: {
    /** Record index → person number; records of one person share it. */
    personOf: Int32Array;
    duplicates: { record: number; of: number; errors: DuplicateError[] }[];
    /** Who lives with whom, the hard non-matches: spouses, children, juniors, twins. */
    relatives: { record: number; of: number; relation: Relation }[];
  };
}

/** `child` and `junior` (a child with the parent's given name) are a generation apart, either way. */
export type Relation = 'spouse' | 'child' | 'junior' | 'twin';

/** Shares of people who join an earlier person's household, and in which role. */
const HOUSEHOLD_RATE = 0.3;
const RELATIONS: [Relation, number][] = [
  ['spouse', 0.48],
  ['child', 0.44],
  ['junior', 0.04],
  ['twin', 0.04],
];

/**
 * A seeded synthetic population for tests and benchmarks: `people` distinct people (some in households
 * with earlier ones, sharing surname, address and phone), then `people × duplicateRate` second records of
 * randomly chosen people with the mistakes of `DUPLICATE_ERROR_RATES`. The same options give the same data.
 */
export function generatePopulation(options: PopulationOptions): Population {
  const draw = new Draw(options.seed);
  const area = new ServiceArea(draw);
  const ssnKey = options.ssnKey ?? SYNTHETIC_SSN_KEY;
  const ssnOffset = draw.int(0, 999_999_999);
  const people: Person[] = [];
  const styles: RecordStyle[] = [];
  const records: SyntheticRecord[] = [];
  const truth: Population['truth'] = { personOf: new Int32Array(0), duplicates: [], relatives: [] };

  for (let i = 0; i < options.people; i++) {
    // Multiplying by a number coprime to 10^9 permutes nine-digit numbers: every person's SSN is unique.
    const ssn = draw.chance(0.88)
      ? String((i * 736_481_773 + ssnOffset) % 1_000_000_000).padStart(9, '0')
      : null;
    let person = newPerson(draw, area, ssn);
    if (i > 0 && draw.chance(HOUSEHOLD_RATE)) {
      const of = draw.int(0, i - 1);
      const relation = pickRelation(draw);
      person = joinHousehold(person, people[of], relation, draw);
      truth.relatives.push({ record: i, of, relation });
    }
    people.push(person);
    styles.push(styleFor(draw));
    records.push({ id: draw.faker.string.uuid(), identity: recordOf(person, styles[i], draw, ssnKey) });
  }

  const duplicates = Math.round(options.people * (options.duplicateRate ?? 0.1));
  const personOf = new Int32Array(options.people + duplicates);
  for (let i = 0; i < options.people; i++) personOf[i] = i;
  for (let d = 0; d < duplicates && options.people > 0; d++) {
    const of = draw.int(0, options.people - 1);
    const copy = withErrors(people[of], styles[of], draw, area);
    const record = records.length;
    records.push({ id: draw.faker.string.uuid(), identity: recordOf(copy.person, copy.style, draw, ssnKey) });
    personOf[record] = of;
    truth.duplicates.push({ record, of, errors: copy.errors });
  }
  truth.personOf = personOf;
  return { records, truth };
}

function newPerson(draw: Draw, area: ServiceArea, ssn: string | null): Person {
  const origin = draw.chance(0.25) ? 'es' : 'en';
  const sex = draw.chance(0.5) ? 'F' : 'M';
  const year = draw.int(1936, 2008);
  const month = draw.int(1, 12);
  let day = draw.int(1, 31);
  while (!isCalendarDate(year, month, day)) day--;
  return {
    origin,
    firstName: draw.pick(NAMES[origin][sex]),
    lastName: draw.pick(NAMES[origin].last),
    sex,
    year,
    month,
    day,
    ssn,
    address: draw.chance(0.96) ? area.address(draw) : null,
    phone: draw.chance(0.85) ? newPhone(draw) : null,
  };
}

function pickRelation(draw: Draw): Relation {
  let roll = draw.faker.number.float();
  for (const [relation, share] of RELATIONS) {
    roll -= share;
    if (roll < 0) return relation;
  }
  return 'spouse';
}

/** Relatives share the address, usually the surname, sometimes the phone; twins the date of birth too. */
function joinHousehold(person: Person, anchor: Person, relation: Relation, draw: Draw): Person {
  const joined: Person = { ...person, origin: anchor.origin, address: anchor.address };
  if (relation !== 'spouse' || draw.chance(0.6)) joined.lastName = anchor.lastName;
  if (draw.chance(relation === 'spouse' ? 0.4 : 0.5)) joined.phone = anchor.phone;
  if (relation === 'spouse') joined.year = Math.min(2008, anchor.year + draw.int(-6, 6));
  if (relation === 'child' || relation === 'junior') {
    // A generation apart: the newcomer is the anchor's child, or their parent when a child would be too young.
    const gap = draw.int(18, 40);
    joined.year = anchor.year + gap <= 2008 ? anchor.year + gap : anchor.year - gap;
  }
  if (relation === 'junior' && anchor.sex === 'M')
    Object.assign(joined, { sex: 'M', firstName: anchor.firstName });
  if (relation === 'twin') Object.assign(joined, { year: anchor.year, month: anchor.month, day: anchor.day });
  if (relation === 'twin' && joined.firstName === anchor.firstName)
    joined.firstName = draw.pick(NAMES[anchor.origin][joined.sex]);
  if (!isCalendarDate(joined.year, joined.month, joined.day)) joined.day = 28;
  return joined;
}
