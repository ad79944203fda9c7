import { createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreateSecret } from '@ledger/security';

/**
 * Analysts see no direct identifiers (security.md): customers are named by a pseudonymous id, a keyed
 * hash of the customer id, stable across views and answers. The key lives in the data directory.
 */
export class Pseudonyms {
  private readonly key: Buffer;

  constructor(dataDir: string) {
    const hex = readOrCreateSecret(join(dataDir, 'pseudonym-key'), () => randomBytes(32).toString('hex'));
    this.key = Buffer.from(hex.trim(), 'hex');
  }

  of(customerId: string): string {
    return `p-${createHmac('sha256', this.key).update(customerId).digest('hex').slice(0, 32)}`;
  }
}
