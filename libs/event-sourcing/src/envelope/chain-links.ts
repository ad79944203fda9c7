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
  const prevValue = canonical.slice(prev + 11, canonical.indexOf(',', prev));
  const revision = Number(canonical.slice(rev + 11, canonical.indexOf(',', rev)));
  try {
    return {
      stream: JSON.parse(canonical.slice(str + 9, type)) as string,
      revision,
      prevHash: prevValue === 'null' ? null : (JSON.parse(prevValue.replace(/}$/, '')) as string),
    };
  } catch {
    return undefined;
  }
}
