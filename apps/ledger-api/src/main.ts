import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/ledger-config';
import { createLedgerApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const { app, bootstrapToken } = await createLedgerApp(config, {});
  await app.listen({ port: config.port, host: '0.0.0.0' });
  if (bootstrapToken) console.log(`bootstrap token: ${bootstrapToken}`);
  console.error(`ledger-api listening on port ${config.port}, data in ${config.dataDir}`);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
