import type { CommandMetadata, NewEvent } from '../store/event-store';
import { canonicalMember } from './canonical-json';
import { sha256Hex } from './sha256';

/**
 * An append's envelope parts as canonical JSON text, serialised where the append is made, so that the
 * writer thread only pieces text together: it learns prevHash, the revision, eventId and recordedAt, and
 * everything else arrives as strings (cheap to pass between threads; an object graph is cloned member
 * by member, and then it had to be serialised there again).
 *
 * JCS writes an object's members in key order, so the envelope is
 *   {"data":…,"eventId":…,"metadata":{…},"revision":…,"schemaVersion":…,"stream":…,"type":…}
 * and the metadata's own members fall into three runs around the two the writer adds, prevHash and
 * recordedAt: those whose keys sort before "prevHash", those between, and those after "recordedAt".
 */
export interface PreparedEnvelope {
  /** `"stream":…`. */
  stream: string;
  /** The metadata members sorting before prevHash, between prevHash and recordedAt, and after. */
  metadata: [before: string, between: string, after: string];
  events: PreparedEventParts[];
}

export interface PreparedEventParts {
  /** The event's type as given (the store keeps it in a column of its own, too). */
  type: string;
  /** `"data":…`, or '' when JCS leaves the member out. */
  data: string;
  /** The members after revision (schemaVersion, stream and type), joined. */
  tail: string;
  /** Why the envelope cannot be serialised (JCS refuses a value), for the writer to report. */
  invalid?: string;
}

/** Serialises what an append's events share and what each has of its own; never throws. */
export function prepareEnvelope(
  stream: string,
  metadata: CommandMetadata,
  events: readonly NewEvent[],
): PreparedEnvelope {
  try {
    const streamMember = member('stream', stream);
    return {
      stream: streamMember,
      metadata: runsOf(metadata),
      events: events.map((event) => {
        const data = member('data', event.data);
        const tail = join(
          member('schemaVersion', event.schemaVersion ?? 1),
          streamMember,
          member('type', event.type),
        );
        return { type: event.type, data, tail };
      }),
    };
  } catch {
    return prepareRefusals(stream, metadata, events);
  }
}

/** The same, part by part, so that each event carries the first refusal in key order. */
function prepareRefusals(
  stream: string,
  metadata: CommandMetadata,
  events: readonly NewEvent[],
): PreparedEnvelope {
  const metadataRuns = attempt(() => runsOf(metadata));
  const streamMember = attempt(() => member('stream', stream));
  return {
    stream: streamMember.text ?? '',
    metadata: metadataRuns.text ?? ['', '', ''],
    events: events.map((event) => {
      const data = attempt(() => member('data', event.data));
      const schemaVersion = attempt(() => member('schemaVersion', event.schemaVersion ?? 1));
      const type = attempt(() => member('type', event.type));
      // The first refusal in key order, the one serialising the whole envelope would meet.
      const invalid = [data, metadataRuns, schemaVersion, streamMember, type].find(
        (part) => part.invalid,
      )?.invalid;
      if (invalid !== undefined) return { type: event.type, data: '', tail: '', invalid };
      const tail = join(schemaVersion.text as string, streamMember.text as string, type.text as string);
      return { type: event.type, data: data.text as string, tail };
    }),
  };
}

function attempt<T>(serialise: () => T): { text?: T; invalid?: string } {
  try {
    return { text: serialise() };
  } catch (error) {
    return { invalid: error instanceof Error ? error.message : String(error) };
  }
}

/** Members joined by commas, leaving out empty ones (members JCS leaves out). */
function join(...members: string[]): string {
  let text = '';
  for (const part of members) if (part !== '') text = text === '' ? part : `${text},${part}`;
  return text;
}

/**
 * The canonical envelope of one event from its prepared parts, and its hash: the same bytes as
 * `sealEnvelope` on the whole envelope (a property test checks it).
 */
export function sealPrepared(
  prepared: PreparedEnvelope,
  event: PreparedEventParts,
  fields: { eventId: string; revision: number; recordedAt: string; prevHash: string | null },
): { canonical: string; hash: string } {
  const [before, between, after] = prepared.metadata;
  const metadata = [
    before,
    `"prevHash":${fields.prevHash === null ? 'null' : JSON.stringify(fields.prevHash)}`,
    between,
    `"recordedAt":${JSON.stringify(fields.recordedAt)}`,
    after,
  ];
  const members = [
    event.data,
    `"eventId":${JSON.stringify(fields.eventId)}`,
    `"metadata":{${metadata.filter((part) => part !== '').join(',')}}`,
    `"revision":${fields.revision}`,
    event.tail,
  ];
  const canonical = `{${members.filter((part) => part !== '').join(',')}}`;
  return { canonical, hash: sha256Hex(canonical) };
}

/** `"key":value` in canonical JSON, or '' when JCS leaves the member out. */
function member(key: string, value: unknown): string {
  const text = canonicalMember(value);
  return text === undefined ? '' : `${JSON.stringify(key)}:${text}`;
}

function runsOf(metadata: CommandMetadata): PreparedEnvelope['metadata'] {
  const runs: [string, unknown][][] = [[], [], []];
  for (const [key, value] of Object.entries(metadata)) {
    // The writer's own prevHash and recordedAt replace any the command brought.
    if (key === 'prevHash' || key === 'recordedAt') continue;
    runs[key < 'prevHash' ? 0 : key < 'recordedAt' ? 1 : 2].push([key, value]);
  }
  return runs.map((run) =>
    run.length === 0 ? '' : (canonicalMember(Object.fromEntries(run)) as string).slice(1, -1),
  ) as PreparedEnvelope['metadata'];
}
