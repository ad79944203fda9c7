import type { Agreement } from './identity';
import { areNicknames } from './nicknames';
import { soundAlike } from './phonetic';
import { similarity, withinOneEdit } from './string-similarity';

/** Jaro-Winkler at or above this is a close name (Jon/John 0.93, Micheal/Michael 0.98, Dwayne/Duane 0.84 not). */
export const NAME_SIMILARITY_CLOSE = 0.9;

/** Surname particles that say nothing alone: "De la Cruz" and "De León" share "de" and nothing else. */
const PARTICLES = new Set([
  'de',
  'del',
  'la',
  'las',
  'los',
  'van',
  'von',
  'der',
  'den',
  'di',
  'da',
  'du',
  'le',
  'y',
]);

const compact = (name: string) => name.replace(/ /g, '');
const significantTokens = (name: string) => name.split(' ').filter((t) => t.length > 1 && !PARTICLES.has(t));

function typoOrSimilar(a: string, b: string): boolean {
  return (
    similarity(a, b) >= NAME_SIMILARITY_CLOSE || (Math.min(a.length, b.length) >= 3 && withinOneEdit(a, b))
  );
}

/** Names as `normaliseName` leaves them. */
export function compareFirstNames(a: string, b: string): Agreement {
  if (a === '' || b === '') return 'missing';
  if (a === b || compact(a) === compact(b)) return 'exact';
  if (areNicknames(a, b) || typoOrSimilar(a, b)) return 'close';
  // "Mary Jane" against "Mary", or against "Molly": the first given name is what people answer to.
  const firstA = a.split(' ')[0];
  const firstB = b.split(' ')[0];
  if (firstA !== a || firstB !== b) {
    if (firstA === firstB || areNicknames(firstA, firstB)) return 'close';
  }
  // An initial: "J" against "John".
  if (
    (firstA.length === 1 && firstB.startsWith(firstA)) ||
    (firstB.length === 1 && firstA.startsWith(firstB))
  ) {
    return 'close';
  }
  return 'different';
}

/** Last names as `normaliseLastName` leaves them; they also agree by sound (Double Metaphone). */
export function compareLastNames(a: string, b: string): Agreement {
  if (a === '' || b === '') return 'missing';
  if (a === b || compact(a) === compact(b)) return 'exact';
  if (typoOrSimilar(a, b) || soundAlike(a, b)) return 'close';
  // Compound surnames: "García López" registered once in full and once as "López".
  const tokensB = new Set(significantTokens(b));
  return significantTokens(a).some((token) => tokensB.has(token)) ? 'close' : 'different';
}
