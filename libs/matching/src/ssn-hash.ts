import { createHmac } from 'node:crypto';

/**
 * What the ledger keeps of an SSN (security.md, "Personal data at rest"): the HMAC-SHA-256 of its nine
 * digits under the ledger's key, in lower-case hex, and the last four digits. The SSN itself goes no further.
 */
export function hashSsn(ssn: string, key: string | Uint8Array): { ssnHash: string; ssnLast4: string } {
  const digits = ssn.replace(/[\s-]/g, '');
  if (!/^\d{9}$/.test(digits)) throw new RangeError('an SSN has nine digits');
  return { ssnHash: createHmac('sha256', key).update(digits).digest('hex'), ssnLast4: digits.slice(5) };
}
