import { randomBytes, randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

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

const v7State = { msecs: Number.NEGATIVE_INFINITY, seq: 0 };

/**
 * A UUIDv7 (time-ordered, as `uuid`'s `v7()`) from pooled bytes. `v7()` takes its own 16 random bytes per
 * call; given them, it drops its monotonic counter, so the counter is kept here exactly as `v7()` keeps it:
 * ids minted in the same millisecond still sort in the order they were minted.
 */
export function pooledUuidV7(now = Date.now()): string {
  const random = pooledRandomBytes(16);
  if (now > v7State.msecs) {
    v7State.seq = ((random[6] & 0x7f) << 24) | (random[7] << 16) | (random[8] << 8) | random[9];
    v7State.msecs = now;
  } else {
    v7State.seq = (v7State.seq + 1) | 0;
    if (v7State.seq === 0) v7State.msecs++;
  }
  return v7({ msecs: v7State.msecs, seq: v7State.seq, random });
}
