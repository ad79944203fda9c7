import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AsOf,
  KeyDirectory,
  keptCheckpointsFrom,
  LedgerAudit,
  SqliteEventStore,
  verifyBundle,
} from '@ledger/event-sourcing';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../../ledger-api/src/config/ledger-config';

async function withAudit<T>(work: (audit: LedgerAudit) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = new SqliteEventStore(join(config.dataDir, 'events.db'));
  try {
    const keyring = KeyDirectory.open(join(config.dataDir, 'checkpoint-keys'));
    return await work(new LedgerAudit(store, { keyring, checkpointSeconds: config.checkpointSeconds }));
  } finally {
    await store.close();
  }
}

/** The auditor's commands: verify, verify-bundle, history, export. Exit code 1 when something fails to verify. */
export function auditCommands(program: Command): void {
  program
    .command('verify')
    .description(
      'recompute every hash, chain link, Merkle root and signature; report intact or the first failure',
    )
    .option('--stream <stream>', 'one stream only')
    .option('--against <file>', 'checkpoints kept outside the server (JSON), to catch a cut tail')
    .action(async (options: { stream?: string; against?: string }) => {
      const kept = options.against ? keptCheckpointsFrom(readFileSync(options.against, 'utf8')) : undefined;
      const bar = new SingleBar({
        format: ' {phase} [{bar}] {value}/{total}',
        stream: process.stderr,
        noTTYOutput: false,
      });
      bar.start(1, 0, { phase: 'verifying' });
      const result = await withAudit((audit) =>
        audit.verify({
          stream: options.stream,
          kept,
          onProgress: ({ phase, checked, total }) => {
            bar.setTotal(Math.max(total, checked, 1));
            bar.update(checked, { phase });
          },
        }),
      );
      bar.stop();
      if (result.intact) {
        console.log(`intact: ${result.events} events, ${result.checkpoints} checkpoints`);
      } else {
        const { stream, revision, position, reason } = result.failure;
        console.log(`FAILED at ${stream}@${revision} (position ${position}): ${reason}`);
        process.exitCode = 1;
      }
    });

  program
    .command('verify-bundle <file>')
    .description('check an exported bundle offline, with no access to the server')
    .action(async (file: string) => {
      const result = await verifyBundle(readFileSync(file));
      if (result.intact)
        console.log(`intact: ${result.events} events of ${result.stream}, ${result.checkpoints} checkpoints`);
      else {
        console.log(`FAILED: ${JSON.stringify(result.failure)}`);
        process.exitCode = 1;
      }
    });

  program
    .command('history <stream>')
    .description("a stream's events with their metadata, one JSON line each")
    .option('--as-of <time|position>', 'stop at this time (the ledger clock) or position')
    .action(async (stream: string, options: { asOf?: string }) => {
      await withAudit(async (audit) => {
        const asOf: AsOf | undefined = options.asOf === undefined ? undefined : audit.parseAsOf(options.asOf);
        if (options.asOf !== undefined && !asOf) throw new Error('--as-of must be a timestamp or a position');
        for (const event of await audit.history(stream, { asOf })) console.log(JSON.stringify(event));
      });
    });

  program
    .command('export <stream>')
    .description('a self-verifying bundle of one stream, on stdout')
    .action(async (stream: string) => {
      await withAudit(async (audit) => console.log(JSON.stringify(await audit.exportBundle(stream))));
    });
}
