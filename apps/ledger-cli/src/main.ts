import 'reflect-metadata';
import { parseTtl, TokenService } from '@ledger/security';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../../ledger-api/src/config/ledger-config';
import { sweepAccounts } from './accounts-sweep';
import { auditCommands } from './audit-commands';
import { type MigrateCommandOptions, runMigrate } from './migrate/migrate-command';
import { rebuildProjections } from './projections-rebuild';
import { viewCommand } from './view-as-of/view-command';

/** Operators' and auditors' commands. They work on the data directory, so running one is an operator's act. */
const program = new Command('ledger').description(
  'Service Integration Ledger: operator and auditor commands',
);

const token = program.command('token').description('bearer tokens for the embedded mode');
token
  .command('issue')
  .description('print a token for an account, alone on one line')
  .requiredOption('--account <id>', 'the account the token speaks for')
  .option('--ttl <duration>', 'lifetime, e.g. 8h, 30m, 3600', '8h')
  .action(async (options: { account: string; ttl: string }) => {
    if (!/^[0-9a-f-]{36}$/i.test(options.account))
      throw new Error('--account must be an account id (a UUID)');
    const config = loadConfig();
    const tokens = new TokenService({ ...config.jwt, dataDir: config.dataDir });
    console.log(await tokens.issue(options.account, parseTtl(options.ttl)));
  });

const accountCommands = program.command('accounts').description('staff accounts');
accountCommands
  .command('sweep')
  .description('flag accounts inactive for six months; disable those unreviewed past the grace period')
  .option('--grace-days <n>', 'days after the six months before disabling', '30')
  .option('--dry-run', 'report only; change nothing')
  .option('--now <timestamp>', 'judge as of this time instead of the clock (for rehearsals)')
  .action(async (options: { graceDays: string; dryRun?: boolean; now?: string }) => {
    const now = options.now ? new Date(options.now) : new Date();
    if (Number.isNaN(now.getTime())) throw new Error('--now must be a timestamp');
    const graceDays = Number(options.graceDays);
    if (!Number.isInteger(graceDays) || graceDays < 0)
      throw new Error('--grace-days must be a whole number of days');
    await sweepAccounts(loadConfig(), { now, graceDays, dryRun: !!options.dryRun }, (line) =>
      console.log(line),
    );
  });

program
  .command('migrate')
  .description("copy the embedded ledger's history, as stored, into EventStoreDB; verify it there")
  .requiredOption('--to <engine>', 'the engine to move to: eventstoredb')
  .option('--url <esdb-url>', 'the server (default: LEDGER_EVENTSTOREDB_URL)')
  .option('--vault-url <postgres-url>', "where customers' data keys go (default: LEDGER_READ_DATABASE_URL)")
  .option('--dry-run', 'read, verify and report what would be written; write nothing')
  .action(async (options: MigrateCommandOptions) => {
    await runMigrate(loadConfig(), options, (line) => console.log(line));
  });

program
  .command('projections')
  .description('read models')
  .command('rebuild [name]')
  .description('rebuild one view (or all) into new tables and swap them in once caught up')
  .action(async (name: string | undefined) => {
    await rebuildProjections(loadConfig(), name, (line) => console.log(line));
  });

auditCommands(program);
viewCommand(program);

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
