import 'reflect-metadata';
import { parseTtl, TokenService } from '@ledger/security';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../../ledger-api/src/config/ledger-config';

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
      throw new Error(`--account must be an account id (a UUID)`);
    const config = loadConfig();
    const tokens = new TokenService({ ...config.jwt, dataDir: config.dataDir });
    console.log(await tokens.issue(options.account, parseTtl(options.ttl)));
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
