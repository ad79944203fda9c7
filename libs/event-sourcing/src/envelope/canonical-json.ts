import canonicalizeJson from 'canonicalize';

/** RFC 8785 (JCS) canonical JSON: the exact bytes that are hashed and stored. */
export function canonicalJson(value: unknown): string {
  const text = canonicalMember(value);
  if (text === undefined) throw new TypeError('value cannot be represented as canonical JSON');
  return text;
}

/**
 * The canonical text of a value as an object member, or undefined when JCS leaves the member out
 * (undefined, a function, a symbol, a toJSON that answers one of those). Throws on what it refuses.
 */
export function canonicalMember(value: unknown): string | undefined {
  const sorted = sortedPlain(value, 0);
  return sorted === NOT_PLAIN ? canonicalizeJson(value) : JSON.stringify(sorted);
}

const NOT_PLAIN = Symbol('not plain JSON data');

/** Deeper than this, the library (which keeps its own stack) does the work. */
const MAX_DEPTH = 64;

/**
 * Plain JSON data with every object's keys in UTF-16 order, so that JSON.stringify writes its canonical
 * text in one native call; NOT_PLAIN for anything else (toJSON, boxed values, class instances, cycles,
 * NaN, lone surrogates, bigint…), which the library then serialises or refuses. For plain data JCS
 * differs from JSON.stringify only in key order: numbers take the ECMAScript form and strings
 * JSON.stringify's escapes in both (the library calls JSON.stringify for them).
 *
 * Objects already in order are used as they are (appends build their envelopes so); others are copied
 * with their keys inserted in order, unless a key is an array index, which objects always list first.
 */
function sortedPlain(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
      return value.isWellFormed() ? value : NOT_PLAIN;
    case 'number':
      return Number.isFinite(value) ? value : NOT_PLAIN;
    case 'boolean':
      return value;
    case 'object':
      if (value === null) return value;
      if (depth >= MAX_DEPTH) return NOT_PLAIN;
      return Array.isArray(value) ? sortedArray(value, depth) : sortedObject(value, depth);
    default:
      return NOT_PLAIN;
  }
}

function sortedArray(array: unknown[], depth: number): unknown {
  if (Object.getPrototypeOf(array) !== Array.prototype) return NOT_PLAIN;
  let copy: unknown[] | undefined;
  for (let i = 0; i < array.length; i++) {
    // A hole or undefined reads as undefined, which is not plain: the library writes null for it.
    const element = array[i];
    const sorted = sortedPlain(element, depth + 1);
    if (sorted === NOT_PLAIN) return NOT_PLAIN;
    if (sorted !== element) copy ??= array.slice(0, i);
    copy?.push(sorted);
  }
  return copy ?? array;
}

function sortedObject(object: object, depth: number): unknown {
  const proto = Object.getPrototypeOf(object);
  const record = object as Record<string, unknown>;
  if ((proto !== Object.prototype && proto !== null) || typeof record.toJSON === 'function') return NOT_PLAIN;
  const keys = Object.keys(record);
  let inOrder = true;
  for (let i = 0; i < keys.length; i++) {
    if (!keys[i].isWellFormed()) return NOT_PLAIN;
    if (i > 0 && !(keys[i - 1] < keys[i])) inOrder = false;
  }
  let changed = !inOrder;
  // In the same order as the keys; one call instead of a keyed (megamorphic) load per key.
  const members: unknown[] = Object.values(record);
  for (let i = 0; i < members.length; i++) {
    const member = members[i];
    // Both JSON.stringify and the library leave undefined members out.
    if (member === undefined) continue;
    const sorted = sortedPlain(member, depth + 1);
    if (sorted === NOT_PLAIN) return NOT_PLAIN;
    if (sorted !== member) {
      changed = true;
      members[i] = sorted;
    }
  }
  if (!changed) return object;
  // A copy lists array-index keys first whatever the insertion order, and `__proto__` would set its prototype.
  if (keys.includes('__proto__') || (!inOrder && keys.some(isArrayIndex))) return NOT_PLAIN;
  const order = keys.map((_, i) => i);
  if (!inOrder) order.sort((a, b) => (keys[a] < keys[b] ? -1 : 1));
  const copy: Record<string, unknown> = {};
  for (const i of order) if (members[i] !== undefined) copy[keys[i]] = members[i];
  return copy;
}

function isArrayIndex(key: string): boolean {
  return /^(0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4294967295;
}
