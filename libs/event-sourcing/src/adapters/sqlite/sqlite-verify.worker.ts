import { parentPort, workerData } from 'node:worker_threads';
import type { StoredRecord } from '../../envelope/envelope';
import { ChainVerifier, type RangeResult } from '../../envelope/verify';
import type { Position } from '../../store/event-store';
import { openLedgerDatabase } from './sqlite-schema';

/** Verifies one range of positions of a ledger file, for `verifySqliteFile`. */
const { file, after, upTo } = workerData as { file: string; after: number; upTo: number };
const db = openLedgerDatabase(file, { readonly: true });
const verifier = new ChainVerifier(true);
const rows = db
  .prepare(
    'SELECT position, stream, revision, canonical, hash FROM events WHERE position > ? AND position <= ? ORDER BY position',
  )
  .iterate(after, upTo) as Iterable<Omit<StoredRecord, 'position'> & { position: number | Position }>;
let failure: RangeResult['failure'];
for (const row of rows) {
  row.position = String(row.position) as Position;
  failure = verifier.check(row as StoredRecord);
  if (failure) break;
  if (verifier.checked % 50_000 === 0) parentPort!.postMessage({ progress: verifier.checked });
}
db.close();
const result: RangeResult = {
  checked: verifier.checked,
  failure,
  entries: verifier.entries,
  exits: [...verifier.heads],
};
parentPort!.postMessage({ result });
