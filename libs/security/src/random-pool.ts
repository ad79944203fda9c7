import { randomBytes, randomFillSync } from 'node:crypto';

const POOL_SIZE = 8192;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * Cryptographically random bytes (OpenSSL's CSPRNG, as `randomBytes`), drawn from a pool refilled 8 KiB at
 * a time as Node's own `randomUUID` does: each call into OpenSSL costs several µs (far more under load),
 * and a registration needs a key and an IV. The bytes handed out are copies, wiped from the pool, so no key's
 * bytes linger in it.
 */
export function pooledRandomBytes(size: number): Buffer {
  if (size > POOL_SIZE / 8) return randomBytes(size);
  if (offset + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafeSlow(POOL_SIZE));
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  pool.fill(0, offset, offset + size);
  offset += size;
  return bytes;
}
