import { join } from 'node:path';
import { EventStoreDbEventStore } from '@ledger/event-sourcing';
import { PostgresSecretVault } from '@ledger/security';
import type { LedgerConfig } from '../../../ledger-api/src/config/ledger-config';
import { EmbeddedLedger } from './embedded-ledger';
import { MigrationError, type MigrationReport, migrateToEventStoreDb } from './migrate-to-eventstoredb';

export interface MigrateCommandOptions {
  to: string;
  url?: string;
  vaultUrl?: string;
  dryRun?: boolean;
}

/**
 * `migrate --to eventstoredb [--url esdb://…] [--vault-url postgres://…] [--dry-run]`: the embedded
 * ledger under LEDGER_DATA_DIR into the EventStoreDB at --url (else LEDGER_EVENTSTOREDB_URL), its
 * customers' data keys into the vault at --vault-url (else LEDGER_READ_DATABASE_URL). A dry run with
 * no URL reports on the source alone.
 */
export async function runMigrate(
  config: LedgerConfig,
  options: MigrateCommandOptions,
  print: (line: string) => void,
): Promise<MigrationReport> {
  if (options.to !== 'eventstoredb') throw new MigrationError('--to must be eventstoredb');
  const url = options.url ?? config.eventStoreDbUrl;
  if (url && !/^esdb(\+discover)?:\/\//.test(url)) {
    throw new MigrationError('the EventStoreDB URL must be esdb://host:2113?tls=false or esdb+discover://…');
  }
  if (!url && !options.dryRun) {
    throw new MigrationError('no EventStoreDB: pass --url esdb://… or set LEDGER_EVENTSTOREDB_URL');
  }
  const vaultUrl = options.vaultUrl ?? config.readDatabaseUrl;
  if (vaultUrl && !/^postgres(ql)?:\/\//.test(vaultUrl)) {
    throw new MigrationError('the vault URL must be a postgres:// URL');
  }
  const source = new EmbeddedLedger(join(config.dataDir, 'events.db'));
  const target = url ? new EventStoreDbEventStore({ url }) : undefined;
  const vault = vaultUrl && !options.dryRun ? new PostgresSecretVault(vaultUrl) : undefined;
  try {
    return await migrateToEventStoreDb({ source, target, vault, dryRun: !!options.dryRun, print });
  } finally {
    source.close();
    await target?.close();
    await vault?.close();
  }
}
