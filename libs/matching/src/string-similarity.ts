import { jaroWinkler } from '@skyra/jaro-winkler';

/**
 * Jaro-Winkler with the arguments in a fixed order. Greedy matching can count differently from either side,
 * and a comparison must not depend on which record is the query.
 */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  return a < b ? jaroWinkler(a, b) : jaroWinkler(b, a);
}

/**
 * One typing mistake apart: a letter replaced, added, dropped, or two neighbours swapped. Jaro-Winkler
 * judges short names harshly ("amy"/"ama" is 0.82), so a single slip of the keyboard counts on its own.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.length === long.length) {
    if (short.slice(i + 1) === long.slice(i + 1)) return true;
    return short[i] === long[i + 1] && short[i + 1] === long[i] && short.slice(i + 2) === long.slice(i + 2);
  }
  return short.slice(i) === long.slice(i + 1);
}
