import canonicalizeJson from 'canonicalize';

/** RFC 8785 (JCS) canonical JSON: the exact bytes that are hashed and stored. */
export function canonicalJson(value: unknown): string {
  const text = canonicalizeJson(value);
  if (text === undefined) throw new TypeError('value cannot be represented as canonical JSON');
  return text;
}
