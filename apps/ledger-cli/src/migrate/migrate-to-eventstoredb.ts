import type { EventStoreDbEventStore } from '@ledger/event-sourcing';
import type { PostgresSecretVault } from '@ledger/security';
import { compareHistories } from './compare-histories';
import type { EmbeddedLedger } from './embedded-ledger';
import { MigrationError } from './migration-error';
import { copyEvents, eachCommand, verifyTarget } from './migration-steps';

export { MigrationError };

export interface MigrationOptions {
  source: EmbeddedLedger;
  /** Omitted only for a dry run that does not look at a server. */
  target?: EventStoreDbEventStore;
  /** Where the customers' data keys go (the scaled mode's vault); needed when the source has keys. */
  vault?: Pick<PostgresSecretVault, 'importSecret'>;
  dryRun: boolean;
  print(line: string): void;
}

export interface MigrationReport {
  events: number;
  alreadyThere: number;
  written: number;
  appends: number;
  commands: { written: number; present: number };
  keys: { written: number; present: number; destroyed: number };
  verified: boolean;
}

const PAGE = 2000;

/**
 * Moves the embedded ledger's history into EventStoreDB as it is: every event's stored bytes, hash and
 * id, in the same global order (appends are made one after another, each at the revision it had), then
 * each command's first result and the customers' data keys. The source is verified before anything is
 * written, and the target afterwards against the source, event by event. Re-running resumes: what the
 * target already holds (checked to be the source's own prefix) is skipped. A dry run reads, verifies
 * and reports what it would write, and writes nothing.
 */
export async function migrateToEventStoreDb(options: MigrationOptions): Promise<MigrationReport> {
  const { source, target, vault, dryRun, print } = options;
  const upTo = source.head();
  const report: MigrationReport = {
    events: 0,
    alreadyThere: 0,
    written: 0,
    appends: 0,
    commands: { written: 0, present: 0 },
    keys: { written: 0, present: 0, destroyed: 0 },
    verified: false,
  };
  const verification = await source.verify(upTo);
  if (!verification.intact) {
    const { stream, revision, position, reason } = verification.failure;
    throw new MigrationError(
      `the embedded ledger does not verify at position ${position} (${stream}@${revision}): ${reason}; nothing was written`,
    );
  }
  report.events = verification.events;
  print(
    `source ${source.file}: ${report.events} events, positions ${source.first() ?? '-'}..${upTo}, hash chains intact`,
  );

  const resume = target ? await compareHistories(source, target, upTo) : { matched: 0, after: 0 };
  if ('difference' in resume && resume.difference) {
    throw new MigrationError(
      `the target is not a copy of this ledger ${resume.difference}; nothing was written`,
    );
  }
  report.alreadyThere = resume.matched;
  const keys = source.secretCount();
  if (keys > 0 && !vault && !dryRun) {
    throw new MigrationError(
      `the ledger keeps ${keys} customer data keys and no vault was given (LEDGER_READ_DATABASE_URL or ` +
        '--vault-url): without them the personal data in the events cannot be read; nothing was written',
    );
  }
  if (target) print(`target: ${resume.matched} of these events already there`);

  const toWrite = source.categories(resume.after, upTo);
  const remaining = report.events - resume.matched;
  print(
    remaining === 0
      ? 'no events to write'
      : `${dryRun ? 'would write' : 'writing'} ${remaining} events, positions ${resume.after + 1}..${upTo}:`,
  );
  for (const { category, events, streams } of toWrite)
    print(`  ${category}: ${events} events in ${streams} streams`);

  await copyEvents(source, resume.after, upTo, async (batch) => {
    report.appends += 1;
    if (dryRun || !target) return;
    const result = await target.importRecords(batch);
    if (result.written) report.written += batch.length;
    else report.alreadyThere += batch.length;
  });
  if (dryRun) {
    print(
      `dry run: ${report.appends} appends, up to ${source.commandCount(upTo)} command records and ${keys} ` +
        'customer data keys (those already there are skipped); nothing was written',
    );
    return report;
  }
  if (!target) throw new MigrationError('no target to migrate to');
  print(`wrote ${report.written} events in ${report.appends} appends`);

  await eachCommand(source, upTo, async (command) => {
    const written = await target.importCommand(command.commandId, command);
    report.commands[written ? 'written' : 'present'] += 1;
  });
  print(`command records: ${report.commands.written} written, ${report.commands.present} already there`);
  if (vault) {
    for (
      let after = '', page = source.secrets(after, PAGE);
      page.length > 0;
      page = source.secrets(after, PAGE)
    ) {
      for (const { id, value } of page) {
        const outcome = await vault.importSecret(id, value);
        if (outcome === 'different') throw new MigrationError(`the vault keeps another value for ${id}`);
        report.keys[outcome] += 1;
      }
      after = page[page.length - 1].id;
    }
    print(
      `customer data keys: ${report.keys.written} written, ${report.keys.present} already there, ` +
        `${report.keys.destroyed} destroyed in the vault since (left destroyed)`,
    );
  }

  await verifyTarget(source, target, upTo, report.events);
  report.verified = true;
  print(
    `target verified: ${report.events} events, hash chains intact, ids, order and bytes as in the source; command records found`,
  );
  return report;
}
