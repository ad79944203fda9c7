import { createPublicKey, generateKeyPairSync, hash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testClock } from '../testing/audit-fixture';
import { configuredKeyring, KeyDirectory } from './key-files';
import { InvalidKeyError, KeySet, publicKeysDocument } from './keys';

describe('checkpoint keys', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'ledger-keys-')), 'checkpoint-keys');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('generates an Ed25519 key on first start, private key mode 0600, id = SHA-256 of the public key', () => {
    const keyring = KeyDirectory.open(dir, testClock());
    expect(statSync(join(dir, 'signing-key.pem')).mode & 0o777).toBe(0o600);
    const [key] = keyring.published;
    const der = createPublicKey(key.publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(key).toEqual({
      keyId: hash('sha256', der, 'hex'),
      algorithm: 'Ed25519',
      publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY'),
      createdAt: '2026-03-02T15:00:00.000Z',
    });
    expect(keyring.signer.keyId).toBe(key.keyId);
    expect(new KeySet(keyring.published).verify(key.keyId, 'hello', keyring.signer.sign('hello'))).toBe(true);
    expect(KeyDirectory.open(dir).published).toEqual(keyring.published);
  });

  it('keeps old public keys published after a rotation, and signs with the new one', () => {
    const clock = testClock();
    const keyring = KeyDirectory.open(dir, clock);
    const old = keyring.signer;
    const signature = old.sign('old checkpoint');
    clock.advance(86_400);
    const fresh = keyring.rotate();
    expect(keyring.signer.keyId).toBe(fresh.keyId);
    expect(fresh.keyId).not.toBe(old.keyId);
    const reopened = KeyDirectory.open(dir);
    expect(publicKeysDocument(reopened).keys.map((k) => [k.keyId, k.createdAt])).toEqual([
      [old.keyId, '2026-03-02T15:00:00.000Z'],
      [fresh.keyId, '2026-03-03T15:00:00.000Z'],
    ]);
    expect(new KeySet(reopened.published).verify(old.keyId, 'old checkpoint', signature)).toBe(true);
    expect(readFileSync(join(dir, 'signing-key.pem'), 'utf8')).not.toContain(old.keyId);
    expect(statSync(join(dir, 'signing-key.pem')).mode & 0o777).toBe(0o600);
  });

  it('refuses a private key file others can read', () => {
    KeyDirectory.open(dir);
    chmodSync(join(dir, 'signing-key.pem'), 0o644);
    expect(() => KeyDirectory.open(dir)).toThrow(/chmod 600/);
  });

  it('loads configured keys instead, with the keys that signed before them', () => {
    const pem = (k: ReturnType<typeof generateKeyPairSync>['privateKey']) =>
      k.export({ type: 'pkcs8', format: 'pem' }) as string;
    const before = configuredKeyring({
      signingKeyPem: pem(generateKeyPairSync('ed25519').privateKey),
      createdAt: 'a',
    });
    const now = configuredKeyring({
      signingKeyPem: pem(generateKeyPairSync('ed25519').privateKey),
      createdAt: 'b',
      previousKeys: before.published,
    });
    expect(now.published.map((k) => k.keyId)).toEqual([before.signer.keyId, now.signer.keyId]);
    expect(() =>
      configuredKeyring({
        signingKeyPem: pem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey),
        createdAt: 'c',
      }),
    ).toThrow(InvalidKeyError);
  });

  it('refuses a published key whose id is not its hash', () => {
    const { published } = configuredKeyring({
      signingKeyPem: generateKeyPairSync('ed25519').privateKey.export({
        type: 'pkcs8',
        format: 'pem',
      }) as string,
      createdAt: 'a',
    });
    expect(() => new KeySet([{ ...published[0], keyId: 'f'.repeat(64) }])).toThrow(/does not match/);
  });
});
