import type { BinaryEventData, RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import fc from 'fast-check';
import { deriveEventId, sealEnvelope, sha256Hex } from '../../envelope/envelope';
import { ChainVerifier } from '../../envelope/verify';
import { appendOptionsFor } from '../../testing/append-options';
import { decodeRecord, openLedgerRecord, sealBatch, toEsdbEvent, toStoredRecord } from './esdb-events';
import { StreamNaming } from './esdb-filters';

const { metadata } = appendOptionsFor('no_stream', 'command-7');
const recordedAt = '2026-03-02T15:00:01.000Z';

/** What the server hands back for an appended event, shaped as the client's RecordedEvent. */
function storedBy(event: BinaryEventData, stream: string, revision: number, at: bigint): EsdbRecordedEvent {
  return {
    streamId: stream,
    id: event.id,
    revision: BigInt(revision),
    type: event.type,
    data: event.data,
    // The client parses custom metadata as JSON on the way back (dist/utils/convertGrpcEvent.js).
    metadata: JSON.parse(JSON.stringify(event.metadata)),
    isJson: false,
    created: new Date(0),
    position: { commit: at, prepare: at },
  } as EsdbRecordedEvent;
}

describe('envelope ↔ EventStoreDB event', () => {
  it('seals the same envelope as SQLite, chained, with ids derived from the command id', () => {
    const sealed = sealBatch(
      'case-1',
      [
        { type: 'Opened', data: { a: 1 } },
        { type: 'Noted', data: {} },
      ],
      metadata,
      undefined,
      recordedAt,
    );
    expect(sealed.map((e) => e.revision)).toEqual([0, 1]);
    expect(sealed.map((e) => e.eventId)).toEqual([
      deriveEventId('command-7', 0),
      deriveEventId('command-7', 1),
    ]);
    const first = sealEnvelope({
      eventId: deriveEventId('command-7', 0),
      type: 'Opened',
      schemaVersion: 1,
      stream: 'case-1',
      revision: 0,
      data: { a: 1 },
      metadata: { ...metadata, recordedAt, prevHash: null },
    });
    expect(sealed[0]).toMatchObject(first);
    expect(JSON.parse(sealed[1].canonical).metadata.prevHash).toBe(sealed[0].hash);
  });

  it('continues the chain after the head it is given', () => {
    const [next] = sealBatch(
      'case-1',
      [{ type: 'Noted', data: {} }],
      metadata,
      { revision: 4, hash: 'ab'.repeat(32) },
      recordedAt,
    );
    expect(next.revision).toBe(5);
    expect(JSON.parse(next.canonical).metadata.prevHash).toBe('ab'.repeat(32));
  });

  it('stores the canonical bytes as binary data and the hash in the metadata', () => {
    const [sealed] = sealBatch(
      'case-1',
      [{ type: 'Opened', data: { a: 1 } }],
      metadata,
      undefined,
      recordedAt,
    );
    const event = toEsdbEvent(sealed, metadata) as BinaryEventData;
    expect(event).toMatchObject({
      id: sealed.eventId,
      type: 'Opened',
      contentType: 'application/octet-stream',
    });
    expect(Buffer.from(event.data).toString('utf8')).toBe(sealed.canonical);
    expect(event.metadata).toEqual({
      ledgerHash: sealed.hash,
      $correlationId: metadata.correlationId,
      $causationId: metadata.commandId,
    });
  });

  it('reads back exactly the bytes that were hashed, whatever the data (integer-like keys included)', () => {
    const data = fc.dictionary(fc.oneof(fc.string(), fc.nat().map(String)), fc.jsonValue());
    fc.assert(
      fc.property(data, fc.nat({ max: 1000 }), (payload, revision) => {
        const [sealed] = sealBatch(
          'case-1',
          [{ type: 'Noted', data: payload }],
          metadata,
          revision ? { revision: revision - 1, hash: 'c'.repeat(64) } : undefined,
          recordedAt,
        );
        const stored = storedBy(
          toEsdbEvent(sealed, metadata) as BinaryEventData,
          'case-1',
          sealed.revision,
          4096n,
        );
        const record = decodeRecord(stored, new StreamNaming());
        expect(record.canonical).toBe(sealed.canonical);
        expect(record.hash).toBe(sha256Hex(record.canonical));
        expect(record.ledger).toBe(true);
      }),
    );
  });

  it('opens to the RecordedEvent the port promises, and verification accepts the record', () => {
    const sealed = sealBatch(
      'case-1',
      [
        { type: 'Opened', data: { a: 1 } },
        { type: 'Noted', data: { b: 2 } },
      ],
      metadata,
      undefined,
      recordedAt,
    );
    const naming = new StreamNaming('t1.');
    const records = sealed.map((e, i) =>
      decodeRecord(
        storedBy(
          toEsdbEvent(e, metadata) as BinaryEventData,
          't1.case-1',
          e.revision,
          500n + BigInt(i) * 90n,
        ),
        naming,
      ),
    );
    const opened = openLedgerRecord(records[1]);
    expect(opened).toMatchObject({
      eventId: deriveEventId('command-7', 1),
      type: 'Noted',
      stream: 'case-1',
      revision: 1,
      position: '00000000000000000590/00000000000000000590',
      data: { b: 2 },
      metadata: { ...metadata, recordedAt, prevHash: sealed[0].hash, hash: sealed[1].hash },
    });
    const verifier = new ChainVerifier();
    for (const record of records) expect(verifier.check(toStoredRecord(record))).toBeUndefined();
  });

  it('refuses to open an event the ledger did not write, but hands it to verification to name', () => {
    const foreign = {
      ...storedBy(
        toEsdbEvent(
          sealBatch('case-1', [{ type: 'X', data: {} }], metadata, undefined, recordedAt)[0],
          metadata,
        ) as BinaryEventData,
        'case-1',
        0,
        64n,
      ),
      isJson: true,
      data: { hello: 'world' },
      metadata: undefined,
    } as EsdbRecordedEvent;
    const record = decodeRecord(foreign, new StreamNaming());
    expect(record.ledger).toBe(false);
    expect(() => openLedgerRecord(record)).toThrow(/not written by the ledger/);
    expect(new ChainVerifier().check(toStoredRecord(record))?.reason).toMatch(/hash does not match/);
  });
});
