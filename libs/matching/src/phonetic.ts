import { doubleMetaphone } from 'double-metaphone';

const cache = new Map<string, readonly [string, string]>();
const CACHE_LIMIT = 50_000;

/** Double Metaphone codes of a normalised name, spaces ignored; names repeat, so they are remembered. */
export function metaphone(name: string): readonly [string, string] {
  let codes = cache.get(name);
  if (codes === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    codes = doubleMetaphone(name.replace(/ /g, ''));
    cache.set(name, codes);
  }
  return codes;
}

/** True when any code of one equals any code of the other (primary or alternate): Smith and Schmidt. */
export function soundAlike(a: string, b: string): boolean {
  const [a1, a2] = metaphone(a);
  const [b1, b2] = metaphone(b);
  if (a1 === '' || b1 === '') return false;
  return a1 === b1 || a1 === b2 || a2 === b1 || a2 === b2;
}
