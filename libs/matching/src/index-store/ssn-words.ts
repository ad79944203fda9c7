import { createHash } from 'node:crypto';

/**
 * The ledger's SSN hashes are 64 hex digits; anything else (a test's "h1") is digested to the same shape,
 * so equal strings stay equal and every hash fits in eight 32-bit words.
 */
export function canonicalSsnHash(hash: string): string {
  return /^[0-9a-f]{64}$/.test(hash) ? hash : createHash('sha256').update(hash).digest('hex');
}

export function writeSsnWords(hexHash: string, words: Uint32Array, at: number): void {
  for (let i = 0; i < 8; i++) words[at + i] = Number.parseInt(hexHash.slice(i * 8, i * 8 + 8), 16);
}

export function readSsnWords(words: Uint32Array, at: number): string {
  let hex = '';
  for (let i = 0; i < 8; i++) hex += words[at + i].toString(16).padStart(8, '0');
  return hex;
}

export function sameSsnWords(a: Uint32Array, aAt: number, b: Uint32Array, bAt: number): boolean {
  for (let i = 0; i < 8; i++) if (a[aAt + i] !== b[bAt + i]) return false;
  return true;
}
