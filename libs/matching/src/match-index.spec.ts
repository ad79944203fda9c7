import { blockingKeys } from './blocking';
import type { Identity } from './identity';
import { MatchIndex } from './match-index';
import { matchIdentities } from './score';
import { generatePopulation } from './testing/synthetic-population';

const ana: Identity = {
  firstName: 'Ana',
  lastName: 'Reyes',
  dateOfBirth: '1990-04-12',
  ssnHash: 'h1',
  ssnLast4: '6789',
  sex: 'F',
  address: { line1: '12 Oak Street', city: 'Milwaukee', state: 'WI', postalCode: '53202' },
  phone: '414-555-0123',
};

function indexOf(entries: Record<string, Identity>): MatchIndex {
  const index = new MatchIndex({ initialCapacity: 2 });
  for (const [id, identity] of Object.entries(entries)) index.add(id, identity);
  return index;
}

describe('the match index', () => {
  it('finds candidates best first, each with its score, grade and reasons', () => {
    const index = indexOf({
      same: ana,
      nickname: { ...ana, firstName: 'Anita', ssnHash: undefined, phone: undefined },
      sister: { ...ana, firstName: 'Lucía', dateOfBirth: '1993-07-01', ssnHash: 'h2', ssnLast4: '1111' },
      stranger: {
        ...ana,
        firstName: 'Bob',
        lastName: 'Smith',
        ssnHash: 'h3',
        ssnLast4: '2222',
        phone: undefined,
      },
    });
    const candidates = index.search(ana);
    expect(candidates.map((c) => [c.customerId, c.grade])).toEqual([
      ['same', 'certain'],
      ['nickname', 'certain'],
    ]);
    expect(candidates[0].score).toBe(matchIdentities(ana, ana).score);
    expect(candidates[1].reasons).toContainEqual({ field: 'firstName', agreement: 'close', weight: 3.2 });
    expect(index.size).toBe(4);
  });

  it('filters by grade, leaves out a customer, and limits', () => {
    const index = indexOf({
      a: ana,
      b: ana,
      c: { ...ana, firstName: 'Anna', ssnHash: undefined, phone: undefined, address: undefined },
    });
    expect(index.search(ana, { excludeCustomerId: 'a' }).map((c) => c.customerId)).toEqual(['b', 'c']);
    expect(index.search(ana, { limit: 1 }).map((c) => c.customerId)).toEqual(['a']);
    const weak = {
      ...ana,
      firstName: 'Ann',
      ssnHash: undefined,
      ssnLast4: undefined,
      phone: undefined,
      address: undefined,
    };
    expect(index.search(weak).map((c) => c.grade)).toEqual(['probable', 'probable', 'probable']);
    expect(index.search(weak, { minGrade: 'certain' })).toEqual([]);
    const swapped = { ...weak, dateOfBirth: '1990-12-04' };
    expect(index.search(swapped).map((c) => c.grade)).toEqual(['possible', 'possible', 'possible']);
    expect(index.search(swapped, { minGrade: 'probable' })).toEqual([]);
  });

  it('removes customers and replaces what it holds for one (a correction)', () => {
    const index = indexOf({ a: ana, b: { ...ana, ssnHash: 'h2' } });
    expect(index.remove('a')).toBe(true);
    expect(index.remove('a')).toBe(false);
    expect(index.has('a')).toBe(false);
    expect(index.search(ana).map((c) => c.customerId)).toEqual(['b']);
    index.add('b', {
      ...ana,
      lastName: 'Morales',
      dateOfBirth: '1970-01-01',
      ssnHash: 'h9',
      ssnLast4: '0000',
      phone: undefined,
      address: undefined,
    });
    expect(index.search(ana)).toEqual([]);
    index.add('c', ana);
    expect(index.search(ana).map((c) => c.customerId)).toEqual(['c']);
    expect(index.size).toBe(2);
  });

  it('searches a stored customer against everyone else', () => {
    const index = indexOf({
      a: ana,
      b: { ...ana, firstName: 'Anita', ssnHash: undefined },
      c: { ...ana, firstName: 'Zoe', ssnHash: 'h2', ssnLast4: '1234', dateOfBirth: '1970-01-01' },
    });
    expect(index.duplicatesOf('a').map((c) => c.customerId)).toEqual(['b']);
    expect(index.duplicatesOf('nobody')).toEqual([]);
  });

  it('searches then adds in one step, never finding the identity itself', () => {
    const index = indexOf({ a: ana });
    const anita = { ...ana, firstName: 'Anita', ssnHash: undefined };
    expect(index.searchThenAdd('b', anita).map((c) => c.customerId)).toEqual(['a']);
    expect(index.searchThenAdd('b', anita).map((c) => c.customerId)).toEqual(['a']);
    expect(index.search(anita).map((c) => c.customerId)).toEqual(['b', 'a']);
  });

  it('skips a key shared by more records than maxBlockSize', () => {
    const twins = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [
        `t${i}`,
        { ...ana, ssnHash: `s${i}`, ssnLast4: String(1000 + i), phone: undefined, address: undefined },
      ]),
    );
    const query = { firstName: 'Ana', lastName: 'Reyes', dateOfBirth: '1990-04-12' };
    expect(indexOf(twins).search(query)).toHaveLength(20);
    const small = new MatchIndex({ maxBlockSize: 5 });
    for (const [id, identity] of Object.entries(twins)) small.add(id, identity);
    expect(small.search(query)).toEqual([]);
    expect(small.search({ ...query, ssnHash: 's3' }).map((c) => c.customerId)).toEqual(['t3']);
  });

  it('agrees with comparing against everyone, while comparing only records that share a key', () => {
    const { records, truth } = generatePopulation({ seed: 11, people: 2000 });
    const index = new MatchIndex();
    for (const { id, identity } of records) index.add(id, identity);
    const keysOf = records.map((record) => blockingKeys(record.identity));
    for (const { record } of truth.duplicates.slice(0, 60)) {
      const query = records[record].identity;
      const keys = new Set(keysOf[record]);
      const expected = records
        .filter((_, i) => i !== record && keysOf[i].some((key) => keys.has(key)))
        .map((other) => ({ customerId: other.id, ...matchIdentities(query, other.identity) }))
        .filter((candidate) => candidate.grade !== null)
        .sort((a, b) => b.score - a.score || (a.customerId < b.customerId ? -1 : 1));
      expect(index.search(query, { excludeCustomerId: records[record].id, limit: 1000 })).toEqual(expected);
      expect(index.candidateCount(query)).toBeLessThan(records.length / 20);
    }
  });
});
