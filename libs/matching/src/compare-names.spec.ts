import { compareFirstNames, compareLastNames } from './compare-names';
import table from './data/nicknames.json';
import { areNicknames, nicknamesOf } from './nicknames';
import { normaliseName } from './normalise';

describe('first names', () => {
  it('are missing when either is empty, exact when equal (spaces aside)', () => {
    expect(compareFirstNames('', 'ana')).toBe('missing');
    expect(compareFirstNames('ana', 'ana')).toBe('exact');
    expect(compareFirstNames('mary jane', 'maryjane')).toBe('exact');
  });

  it.each([
    ['bill', 'william'],
    ['bob', 'robert'],
    ['peggy', 'margaret'],
    ['bill', 'will'],
    ['paco', 'francisco'],
    ['lupe', 'guadalupe'],
    ['chuy', 'jesus'],
    ['beto', 'roberto'],
  ])('count nicknames as close: %s / %s', (a, b) => {
    expect(compareFirstNames(a, b)).toBe('close');
  });

  it('do not chain nicknames: Beto is Roberto and Alberto, but they are not each other', () => {
    expect(areNicknames('roberto', 'beto') && areNicknames('alberto', 'beto')).toBe(true);
    expect(compareFirstNames('roberto', 'alberto')).toBe('different');
  });

  it.each([
    ['jon', 'john'],
    ['micheal', 'michael'],
    ['amy', 'ami'],
    ['mark', 'marc'],
    ['catherine', 'katherine'],
  ])('count typos and spelling variants as close: %s / %s', (a, b) => {
    expect(compareFirstNames(a, b)).toBe('close');
  });

  it('count the first of several given names and an initial as close', () => {
    expect(compareFirstNames('maria elena', 'maria')).toBe('close');
    expect(compareFirstNames('j', 'john')).toBe('close');
  });

  it.each([
    ['john', 'jane'],
    ['ana', 'eva'],
    ['carlos', 'carmen'],
    ['amy', 'zoe'],
    ['al', 'ed'],
  ])('tell different names apart: %s / %s', (a, b) => {
    expect(compareFirstNames(a, b)).toBe('different');
  });
});

describe('last names', () => {
  it('agree exactly, spaces aside', () => {
    expect(compareLastNames('de la cruz', 'delacruz')).toBe('exact');
    expect(compareLastNames('', 'smith')).toBe('missing');
  });

  it.each([
    ['smith', 'schmidt'],
    ['garcia', 'garsia'],
    ['jimenez', 'gimenez'],
    ['johnson', 'jonson'],
  ])('count names that sound alike (Double Metaphone) as close: %s / %s', (a, b) => {
    expect(compareLastNames(a, b)).toBe('close');
  });

  it('count one part of a compound surname as close, but not a shared particle', () => {
    expect(compareLastNames('garcia lopez', 'lopez')).toBe('close');
    expect(compareLastNames('de la cruz', 'de leon')).toBe('different');
  });

  it('tell different surnames apart', () => {
    expect(compareLastNames('smith', 'nguyen')).toBe('different');
    expect(compareLastNames('reyes', 'hernandez')).toBe('different');
  });
});

describe('the nickname table', () => {
  it('holds a few hundred pairs, written in the form normalisation produces', () => {
    const pairs = table.groups.reduce((sum, group) => sum + group.length - 1, 0);
    expect(pairs).toBeGreaterThanOrEqual(300);
    for (const group of table.groups) for (const name of group) expect(normaliseName(name)).toBe(name);
  });

  it('lists the other names of a given name', () => {
    expect(nicknamesOf('margaret')).toEqual(expect.arrayContaining(['peggy', 'maggie']));
    expect(nicknamesOf('margaret')).not.toContain('margaret');
    expect(nicknamesOf('zzz')).toEqual([]);
  });
});
