import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Reads a secret from the data directory, or creates it once with mode 0600 (owner read/write only). */
export function readOrCreateSecret(file: string, create: () => string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const secret = create();
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}
