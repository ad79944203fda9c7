import fc from 'fast-check';
import { canonicalJson } from '../../envelope/canonical-json';
import { sha256Hex } from '../../envelope/sha256';
import { openLedgerDatabase } from './sqlite-schema';
import { prepareAppend, SqliteWriter } from './sqlite-writer';

describe('SqliteWriter', () => {
  it('stores canonical bytes and their hash, whatever keys and order the data and metadata come with', () => {
    const db = openLedgerDatabase(':memory:');
    const writer = new SqliteWriter(db);
    const read = db.prepare('SELECT canonical, hash FROM events WHERE stream = ? ORDER BY revision');
    const extra = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
    let n = 0;
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 1, maxLength: 3 }),
        extra,
        fc.option(fc.string(), { nil: undefined }),
        (data, extraMetadata, causationId) => {
          const stream = `thing-${n++}`;
          const metadata = {
            ...extraMetadata,
            workReason: 'test',
            occurredAt: '2026-01-01T00:00:00.000Z',
            correlationId: 'c',
            commandId: `command-${n}`,
            causationId,
            actor: { roles: ['r'], partnerId: null, accountId: 'a' },
          };
          const events = data.map((d) => ({ type: 'Thing', data: d }));
          const request = prepareAppend({ stream, events, expectedRevision: 'no_stream', metadata });
          const [outcome] = writer.writeBatch([request], '2026-01-01T00:00:01.000Z');
          expect(outcome).toMatchObject({ ok: true, revision: data.length - 1 });
          const rows = read.all(stream) as { canonical: string; hash: string }[];
          let prevHash: string | null = null;
          for (const [i, row] of rows.entries()) {
            const envelope = JSON.parse(row.canonical);
            expect(canonicalJson(envelope)).toBe(row.canonical);
            expect(sha256Hex(row.canonical)).toBe(row.hash);
            // As JSON has it (no -0).
            const expected = JSON.parse(JSON.stringify(data[i]));
            expect(envelope).toMatchObject({ data: expected, revision: i, stream });
            expect(envelope.metadata).toEqual(
              JSON.parse(JSON.stringify({ ...metadata, recordedAt: '2026-01-01T00:00:01.000Z', prevHash })),
            );
            prevHash = row.hash;
          }
        },
      ),
      { numRuns: 200 },
    );
    db.close();
  });
});
