import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  type CheckpointKeyring,
  type CheckpointSigner,
  InvalidKeyError,
  KeySet,
  type PublishedKey,
  publishedKeyOf,
  signerOf,
} from './keys';

const SIGNING_KEY = 'signing-key.pem';
const PUBLIC_KEYS = 'public-keys.json';

/**
 * The embedded mode's keys, in a directory of their own (e.g. `<LEDGER_DATA_DIR>/checkpoint-keys`):
 *   signing-key.pem   the current Ed25519 private key, PKCS#8 PEM, mode 0600
 *   public-keys.json  every key that has signed, oldest first: [{ keyId, algorithm, publicKeyPem, createdAt }]
 * The first `open` generates the key. `rotate` publishes a new key, then replaces the private key (a crash
 * in between leaves an extra published key, never an unpublished signer); the old private key is gone,
 * its public key stays published so old checkpoints still verify.
 */
export class KeyDirectory implements CheckpointKeyring {
  private current!: CheckpointSigner;
  private keys!: PublishedKey[];

  private constructor(
    readonly dir: string,
    private readonly clock: () => Date,
  ) {}

  static open(dir: string, clock: () => Date = () => new Date()): KeyDirectory {
    const keyring = new KeyDirectory(dir, clock);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!existsSync(join(dir, SIGNING_KEY))) keyring.install(generateKeyPairSync('ed25519').privateKey);
    keyring.load();
    return keyring;
  }

  get signer(): CheckpointSigner {
    return this.current;
  }

  get published(): readonly PublishedKey[] {
    return this.keys;
  }

  rotate(): PublishedKey {
    this.install(generateKeyPairSync('ed25519').privateKey);
    this.load();
    return this.keys[this.keys.length - 1];
  }

  private install(privateKey: KeyObject): void {
    const published = [...this.readPublished(), publishedKeyOf(createPublicKey(privateKey), this.now())];
    writeAtomically(join(this.dir, PUBLIC_KEYS), `${JSON.stringify(published, null, 2)}\n`, 0o644);
    writeAtomically(
      join(this.dir, SIGNING_KEY),
      privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      0o600,
    );
  }

  private load(): void {
    const file = join(this.dir, SIGNING_KEY);
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) {
      throw new InvalidKeyError(`${file} is readable by others (mode ${mode.toString(8)}): chmod 600 it`);
    }
    const privateKey = createPrivateKey(readFileSync(file, 'utf8'));
    this.current = signerOf(privateKey);
    const published = this.readPublished();
    new KeySet(published);
    if (!published.some((key) => key.keyId === this.current.keyId)) {
      // A key put in place by hand: publish it before it signs anything.
      published.push(publishedKeyOf(createPublicKey(privateKey), this.now()));
      writeAtomically(join(this.dir, PUBLIC_KEYS), `${JSON.stringify(published, null, 2)}\n`, 0o644);
    }
    this.keys = published;
  }

  private readPublished(): PublishedKey[] {
    const file = join(this.dir, PUBLIC_KEYS);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PublishedKey[]) : [];
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

/**
 * The scaled mode's keys, configured rather than generated: the signing key's PEM (e.g. from a secret
 * mounted at `LEDGER_CHECKPOINT_KEY_FILE`) and the keys that signed before it, which stay published.
 */
export function configuredKeyring(config: {
  signingKeyPem: string;
  /** When the signing key came into use (published with it). */
  createdAt: string;
  previousKeys?: readonly PublishedKey[];
}): CheckpointKeyring {
  const signer = signerOf(config.signingKeyPem);
  const previous = (config.previousKeys ?? []).filter((key) => key.keyId !== signer.keyId);
  const own = publishedKeyOf(createPublicKey(createPrivateKey(config.signingKeyPem)), config.createdAt);
  const published = [...previous, own];
  new KeySet(published);
  return { signer, published };
}

function writeAtomically(file: string, text: string, mode: number): void {
  const temporary = `${file}.${process.pid}.tmp`;
  // Created fresh (never reusing a leftover file's mode), so the private key is never readable by others.
  rmSync(temporary, { force: true });
  writeFileSync(temporary, text, { mode, flag: 'wx' });
  chmodSync(temporary, mode);
  renameSync(temporary, file);
}
