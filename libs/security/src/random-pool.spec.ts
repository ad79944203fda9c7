import { validate, version } from 'uuid';
import { pooledRandomBytes, pooledUuidV7 } from './random-pool';

describe('pooledRandomBytes', () => {
  it('hands out fresh bytes of the size asked, never the same twice, across refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const bytes = pooledRandomBytes(16);
      expect(bytes).toHaveLength(16);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(2000);
    expect(pooledRandomBytes(4096)).toHaveLength(4096);
  });

  it('hands out copies: a caller that wipes its bytes does not change the next ones', () => {
    const first = pooledRandomBytes(32);
    const copy = Buffer.from(first);
    const second = pooledRandomBytes(32);
    first.fill(0);
    expect(second.equals(Buffer.alloc(32))).toBe(false);
    expect(copy.equals(Buffer.alloc(32))).toBe(false);
  });

  it('mints version-7 ids that sort in the order minted, within a millisecond and across', () => {
    const at = Date.now();
    const ids = [
      ...Array.from({ length: 500 }, () => pooledUuidV7(at)),
      ...Array.from({ length: 500 }, () => pooledUuidV7(at + 1)),
    ];
    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
