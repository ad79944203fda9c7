import type { BinaryEventData } from '@eventstore/db-client';
import { type StoredRecord, sealEnvelope } from '../../envelope/envelope';
import type { Position } from '../../store/event-store';
import { appendOptionsFor } from '../../testing/append-options';
import { importableEvents } from './esdb-import';

const { metadata } = appendOptionsFor('no_stream', 'command-9');

/** A chain as another store kept it: random-looking event ids, not derived from the command id. */
function chain(stream: string, count: number, note = 'ten'): StoredRecord[] {
  let prevHash: string | null = null;
  return Array.from({ length: count }, (_, revision) => {
    const { canonical, hash } = sealEnvelope({
      eventId: `00000000-0000-4000-8000-00000000000${revision}`,
      type: 'Noted',
      schemaVersion: 1,
      stream,
      revision,
      data: { 10: note, 2: 'two' },
      metadata: { ...metadata, recordedAt: '2026-03-02T15:00:01.000Z', prevHash },
    });
    prevHash = hash;
    return { position: String(revision + 1) as Position, stream, revision, canonical, hash };
  });
}

describe('importing pre-sealed records', () => {
  it('keeps the bytes, the hash and the event id each record was given', () => {
    const records = chain('case-1', 3);
    const events = importableEvents(records) as BinaryEventData[];
    expect(events.map((e) => e.id)).toEqual(records.map((r) => JSON.parse(r.canonical).eventId));
    expect(events.map((e) => Buffer.from(e.data).toString('utf8'))).toEqual(records.map((r) => r.canonical));
    expect(events[1].metadata).toMatchObject({ ledgerHash: records[1].hash, $correlationId: 'command-9' });
  });

  it('refuses bytes that do not hash to the hash, a gap, a broken link, and two streams', () => {
    const [a, b, c] = chain('case-1', 3);
    expect(() => importableEvents([{ ...a, canonical: a.canonical.replace('ten', 'TEN') }])).toThrow(
      /hash does not match/,
    );
    expect(() => importableEvents([a, c])).toThrow(/does not follow/);
    const [other] = chain('case-2', 1);
    expect(() => importableEvents([a, other])).toThrow(/one stream per import/);
    expect(() => importableEvents([{ ...b, revision: 5 }])).toThrow(/not this event's envelope/);
    const [, forked] = chain('case-1', 2, 'eleven');
    expect(() => importableEvents([a, forked])).toThrow(/does not follow/);
    expect(() => importableEvents([a, b, c])).not.toThrow();
    expect(() => importableEvents([])).toThrow(/at least one/);
  });
});
