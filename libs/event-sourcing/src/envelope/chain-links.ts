/**
 * The three fields verification needs from an event's canonical bytes (stream, revision, prevHash),
 * found without parsing the whole document.
 *
 * Canonical JSON (RFC 8785) sorts keys, so the envelope always reads
 *   {"data":…,"eventId":"…","metadata":{…,"prevHash":…,"recordedAt":"…"[,"workReason":"…"]},
 *    "revision":N,"schemaVersion":N,"stream":"…","type":"…"}
 * A quote inside any string value is escaped, so the key `"prevHash":` can only be a key; keys inside
 * `data` come before `metadata`, so the last occurrence is the envelope's own. The same holds for
 * `"revision":` and `"stream":`, which follow `metadata`. A property test checks this against
 * JSON.parse on arbitrary data.
 */
export interface ChainLinks {
  stream: string;
  revision: number;
  prevHash: string | null;
}

export function readChainLinks(canonical: string): ChainLinks | undefined {
  const prev = canonical.lastIndexOf('"prevHash":');
  const rev = canonical.lastIndexOf('"revision":');
  const str = canonical.lastIndexOf('"stream":');
  const type = canonical.lastIndexOf(',"type":');
  if (prev < 0 || rev < prev || str < rev || type < str) return undefined;
  const revision = Number(canonical.slice(rev + 11, canonical.indexOf(',', rev)));
  try {
    return {
      stream: jsonString(canonical.slice(str + 9, type)),
      revision,
      prevHash: prevHashAt(canonical, prev + 11),
    };
  } catch {
    return undefined;
  }
}

/**
 * Verification reads millions of these, so the common shapes (a plain string, a hex hash, null) skip
 * JSON.parse; they accept exactly what JSON.parse would, and anything else goes to it.
 */
// Any character but a quote, a backslash or a control character.
const PLAIN_STRING = /^"[\u0020\u0021\u0023-\u005b\u005d-\uffff]*"$/;

function jsonString(text: string): string {
  return PLAIN_STRING.test(text) ? text.slice(1, -1) : (JSON.parse(text) as string);
}

/** `"<64 lower-case hex>"` followed by `,` or `},`: checked by char codes, the hottest path of verification. */
function prevHashAt(canonical: string, at: number): string | null {
  if (/^null}?,/.test(canonical.slice(at, at + 6))) return null;
  const after = canonical.charCodeAt(at + 66);
  if (
    canonical.charCodeAt(at) === 34 &&
    canonical.charCodeAt(at + 65) === 34 &&
    (after === 44 || (after === 125 && canonical.charCodeAt(at + 67) === 44)) &&
    isLowerHex(canonical, at + 1, at + 65)
  ) {
    return canonical.slice(at + 1, at + 65);
  }
  const value = canonical.slice(at, canonical.indexOf(',', at));
  return value === 'null' ? null : (JSON.parse(value.replace(/}$/, '')) as string);
}

function isLowerHex(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/**
 * An event's `recordedAt` (ISO-8601) without parsing the whole envelope: `"recordedAt":"` can only be the
 * envelope's own key after every key of `data` (sorted before `metadata`), as a quote inside any string
 * value is escaped.
 */
export function readRecordedAt(canonical: string): string {
  const at = canonical.lastIndexOf('"recordedAt":"') + 14;
  return canonical.slice(at, canonical.indexOf('"', at));
}

/**
 * True only when `readChainLinks(canonical)` would answer exactly this stream, revision and prevHash;
 * false may also mean "not sure", and then readChainLinks decides. `prevHash` is null or a hash this
 * process computed (64 lower-case hex characters). The hot path of verification, where the expected
 * values are known: it compares the text in place instead of slicing and parsing it. A stream name that
 * JSON escapes (a quote, a backslash, a control character), or an event type with a quote, answers false.
 */
export function linksTo(
  canonical: string,
  stream: string,
  revision: number,
  prevHash: string | null,
): boolean {
  // The type closes the document: no quote between its value's opening and the final `"}`. Then nothing
  // after it can hold another key, and each key before it is found searching back from the next one, so
  // the tail of the text is read once instead of once per key (over a microsecond saved per event).
  const end = canonical.length;
  const type = canonical.lastIndexOf(',"type":"');
  if (type < 0 || canonical.indexOf('"', type + 9) !== end - 2 || canonical.charCodeAt(end - 1) !== 125) {
    return false;
  }
  const str = type - stream.length - 11;
  if (!canonical.startsWith('"stream":"', str) || !canonical.startsWith(stream, str + 10)) return false;
  if (canonical.charCodeAt(type - 1) !== 34 || !PLAIN_CHARACTERS.test(stream)) return false;
  const rev = canonical.lastIndexOf('"revision":', str);
  const prev = rev < 0 ? -1 : canonical.lastIndexOf('"prevHash":', rev);
  if (prev < 0) return false;
  const revisionText = String(revision);
  const at = prev + 11;
  return (
    canonical.startsWith(revisionText, rev + 11) &&
    canonical.indexOf(',', rev) === rev + 11 + revisionText.length &&
    (prevHash === null
      ? /^null}?,/.test(canonical.slice(at, at + 6))
      : canonical.charCodeAt(at) === 34 &&
        canonical.startsWith(prevHash, at + 1) &&
        canonical.charCodeAt(at + 65) === 34 &&
        isHashEnd(canonical, at + 66))
  );
}

const PLAIN_CHARACTERS = /^[\u0020\u0021\u0023-\u005b\u005d-\uffff]*$/;

function isHashEnd(canonical: string, at: number): boolean {
  const after = canonical.charCodeAt(at);
  return after === 44 || (after === 125 && canonical.charCodeAt(at + 1) === 44);
}
