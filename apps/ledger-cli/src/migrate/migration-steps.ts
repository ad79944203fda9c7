import { ChainVerifier, type EventStoreDbEventStore, type StoredRecord } from '@ledger/event-sourcing';
import { compareHistories } from './compare-histories';
import type { EmbeddedLedger } from './embedded-ledger';
import { MigrationError } from './migration-error';

const PAGE = 2000;
/** Per append: well under the server's default 1 MiB append limit. */
const MAX_BATCH_EVENTS = 500;
const MAX_BATCH_BYTES = 512 * 1024;
const CONCURRENCY = 16;

/** Cuts the history into appends: consecutive events of one stream, bounded in count and bytes. */
export async function copyEvents(
  source: EmbeddedLedger,
  after: number,
  upTo: number,
  write: (batch: StoredRecord[]) => Promise<void>,
): Promise<void> {
  let batch: StoredRecord[] = [];
  let bytes = 0;
  for (let page = source.records(after, upTo, PAGE); page.length > 0; ) {
    for (const record of page) {
      const full = batch.length >= MAX_BATCH_EVENTS || bytes + record.canonical.length > MAX_BATCH_BYTES;
      if (batch.length > 0 && (batch[0].stream !== record.stream || full)) {
        await write(batch);
        batch = [];
        bytes = 0;
      }
      batch.push(record);
      bytes += record.canonical.length;
    }
    page = source.records(Number(page[page.length - 1].position), upTo, PAGE);
  }
  if (batch.length > 0) await write(batch);
}

export async function eachCommand(
  source: EmbeddedLedger,
  upTo: number,
  work: (command: ReturnType<EmbeddedLedger['commands']>[number]) => Promise<void>,
): Promise<void> {
  for (let page = source.commands(0, upTo, PAGE); page.length > 0; ) {
    // Command records are streams of their own: independent, so several go at once.
    for (let i = 0; i < page.length; i += CONCURRENCY)
      await Promise.all(page.slice(i, i + CONCURRENCY).map(work));
    page = source.commands(page[page.length - 1].position, upTo, PAGE);
  }
}

/** Every event again, compared with the source and re-hashed; every command's first result looked up. */
export async function verifyTarget(
  source: EmbeddedLedger,
  target: EventStoreDbEventStore,
  upTo: number,
  events: number,
): Promise<void> {
  const compared = await compareHistories(source, target, upTo, new ChainVerifier());
  if (compared.difference) throw new MigrationError(`the target does not verify ${compared.difference}`);
  if (compared.matched !== events) {
    throw new MigrationError(`the target holds ${compared.matched} of the source's ${events} events`);
  }
  await eachCommand(source, upTo, async (command) => {
    const found = await target.findCommand(command.commandId);
    if (
      !found ||
      found.stream !== command.stream ||
      found.revision !== command.revision ||
      found.receipt !== command.receipt
    ) {
      throw new MigrationError(`command ${command.commandId}: its first result is not found in the target`);
    }
  });
}
