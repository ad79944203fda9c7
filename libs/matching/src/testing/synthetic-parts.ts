import { base, en, en_US, es, es_MX, Faker } from '@faker-js/faker';

/** One seeded stream of randomness; every draw goes through it, so the same seed makes the same data. */
export class Draw {
  readonly faker = new Faker({ locale: [en_US, en, base] });

  constructor(seed: number) {
    this.faker.seed(seed);
  }

  chance(probability: number): boolean {
    return this.faker.number.float() < probability;
  }

  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
}

const spanish = new Faker({ locale: [es_MX, es, en, base] }).definitions.person;
const english = new Faker({ locale: [en_US, en, base] }).definitions.person;

/** Given and family names by origin: a Midwest network serves many Spanish-speaking families. */
export const NAMES = {
  en: { F: english.first_name.female!, M: english.first_name.male!, last: english.last_name.generic! },
  es: { F: spanish.first_name.female!, M: spanish.first_name.male!, last: spanish.last_name.generic! },
};

export interface AddressParts {
  number: number;
  direction: string | null;
  street: string;
  suffix: string;
  unit: number | null;
  city: string;
  postalCode: string;
}

/** Full and abbreviated forms, so that formatting differences exercise normalisation. */
const SUFFIXES: [string, string][] = [
  ['Street', 'St'],
  ['Avenue', 'Ave'],
  ['Road', 'Rd'],
  ['Drive', 'Dr'],
  ['Lane', 'Ln'],
  ['Court', 'Ct'],
  ['Place', 'Pl'],
  ['Boulevard', 'Blvd'],
  ['Terrace', 'Ter'],
  ['Parkway', 'Pkwy'],
];
const DIRECTIONS: [string, string][] = [
  ['North', 'N'],
  ['South', 'S'],
  ['East', 'E'],
  ['West', 'W'],
];

/** A service area: some 60 ZIP codes with their towns and some 3,000 streets, each in one ZIP. */
export class ServiceArea {
  private readonly streets: { street: string; suffix: number; zip: number }[] = [];
  private readonly zips: { postalCode: string; city: string }[] = [];

  constructor(draw: Draw) {
    const codes = new Set<string>();
    while (codes.size < 60) codes.add(String(draw.int(53001, 54990)));
    for (const postalCode of codes) this.zips.push({ postalCode, city: draw.faker.location.city() });
    const givenNames = [...NAMES.en.F, ...NAMES.en.M];
    for (let i = 0; i < 3000; i++) {
      const street = draw.chance(0.5) ? draw.pick(NAMES.en.last) : draw.pick(givenNames);
      this.streets.push({
        street,
        suffix: draw.int(0, SUFFIXES.length - 1),
        zip: draw.int(0, this.zips.length - 1),
      });
    }
  }

  address(draw: Draw): AddressParts {
    const { street, suffix, zip } = draw.pick(this.streets);
    return {
      number: draw.int(1, 9999),
      direction: draw.chance(0.25) ? draw.pick(DIRECTIONS)[0] : null,
      street,
      suffix: SUFFIXES[suffix][0],
      unit: draw.chance(0.2) ? draw.int(1, 40) : null,
      ...this.zips[zip],
    };
  }
}

/** "123 North Oak Street Apartment 4" or "123 N Oak St #4". */
export function renderLine1(parts: AddressParts, abbreviated: boolean): string {
  const form = (pairs: [string, string][], word: string) => {
    const pair = pairs.find(([full]) => full === word)!;
    return abbreviated ? pair[1] : pair[0];
  };
  const words = [String(parts.number)];
  if (parts.direction) words.push(form(DIRECTIONS, parts.direction));
  words.push(parts.street, form(SUFFIXES, parts.suffix));
  if (parts.unit !== null) words.push(abbreviated ? `#${parts.unit}` : `Apartment ${parts.unit}`);
  return words.join(' ');
}

const PHONE_STYLES = [
  (d: string) => `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`,
  (d: string) => `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
  (d: string) => d,
  (d: string) => `+1 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`,
];

export function renderPhone(digits: string, draw: Draw): string {
  return draw.pick(PHONE_STYLES)(digits);
}

export function newPhone(draw: Draw, areaCode?: string): string {
  return `${areaCode ?? draw.pick(['414', '262', '608', '920', '715'])}${draw.int(200, 999)}${String(draw.int(0, 9999)).padStart(4, '0')}`;
}
