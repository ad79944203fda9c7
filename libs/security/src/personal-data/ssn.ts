import { createHmac, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreateSecret } from '../tokens/key-files';

/**
 * The SSN is never stored: a keyed hash (HMAC-SHA-256, key in the data directory or configured) lets
 * clearance match on it, and the last four digits help a worker confirm a candidate.
 */
export class SsnHasher {
  /** A KeyObject, not a Buffer: Node 24 imports a Buffer key again on every HMAC (~25 µs). */
  private readonly key: KeyObject;

  constructor(options: { dataDir?: string; key?: string }) {
    const hex =
      options.key ??
      readOrCreateSecret(join(options.dataDir!, 'ssn-hmac-key'), () => randomBytes(32).toString('hex'));
    this.key = createSecretKey(Buffer.from(hex.trim(), 'hex'));
  }

  protect(ssn: string): { ssnHash: string; ssnLast4: string } {
    const digits = ssn.replace(/\D/g, '');
    return {
      ssnHash: createHmac('sha256', this.key).update(digits).digest('hex'),
      ssnLast4: digits.slice(-4),
    };
  }
}

/** Nine digits, optionally as 123-45-6789; not 000, 666 or 9xx area, not 00 group, not 0000 serial. */
export function isValidSsn(ssn: string): boolean {
  const match = /^(\d{3})-?(\d{2})-?(\d{4})$/.exec(ssn);
  if (!match) return false;
  const [, area, group, serial] = match;
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}
