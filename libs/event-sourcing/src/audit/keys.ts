import {
  createPrivateKey,
  createPublicKey,
  hash,
  type KeyObject,
  sign as signBytes,
  verify as verifyBytes,
} from 'node:crypto';

/** A public key as `GET /audit/public-key` publishes it. Keys stay published after a rotation. */
export interface PublishedKey {
  /** SHA-256 (hex) of the key's DER SubjectPublicKeyInfo. */
  keyId: string;
  algorithm: 'Ed25519';
  /** SPKI, PEM. */
  publicKeyPem: string;
  createdAt: string;
}

export interface CheckpointSigner {
  readonly keyId: string;
  /** Ed25519 signature (hex) of the message's UTF-8 bytes. */
  sign(message: string): string;
}

/** Where checkpoints get their signer, and auditors the public keys. */
export interface CheckpointKeyring {
  /** The key that signs new checkpoints. */
  readonly signer: CheckpointSigner;
  /** Every key that has signed, oldest first, the current one included. */
  readonly published: readonly PublishedKey[];
}

export function keyIdOf(publicKey: KeyObject): string {
  return hash('sha256', publicKey.export({ type: 'spki', format: 'der' }), 'hex');
}

export function publishedKeyOf(publicKey: KeyObject, createdAt: string): PublishedKey {
  assertEd25519(publicKey);
  return {
    keyId: keyIdOf(publicKey),
    algorithm: 'Ed25519',
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    createdAt,
  };
}

export function signerOf(privateKey: KeyObject | string): CheckpointSigner {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  assertEd25519(key);
  return {
    keyId: keyIdOf(createPublicKey(key)),
    sign: (message) => signBytes(null, Buffer.from(message, 'utf8'), key).toString('hex'),
  };
}

/** The `GET /audit/public-key` answer. */
export function publicKeysDocument(keyring: CheckpointKeyring): { keys: PublishedKey[] } {
  return { keys: keyring.published.map((key) => ({ ...key })) };
}

export class InvalidKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidKeyError';
  }
}

/**
 * The verifying side: published keys by id. Every entry is checked on the way in (Ed25519, and the id
 * really is the hash of the key), so a key list edited by hand, or in a bundle, cannot name a key falsely.
 */
export class KeySet {
  private readonly keys = new Map<string, KeyObject>();

  constructor(published: readonly PublishedKey[]) {
    for (const entry of published) {
      let key: KeyObject;
      try {
        key = createPublicKey(entry.publicKeyPem);
      } catch {
        throw new InvalidKeyError(`key ${entry.keyId}: not a public key`);
      }
      if (entry.algorithm !== 'Ed25519' || key.asymmetricKeyType !== 'ed25519') {
        throw new InvalidKeyError(`key ${entry.keyId}: not an Ed25519 key`);
      }
      if (keyIdOf(key) !== entry.keyId)
        throw new InvalidKeyError(`key ${entry.keyId}: id does not match the key`);
      this.keys.set(entry.keyId, key);
    }
  }

  has(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  /** False for an unknown key, or a signature that is not 64 bytes of lower-case hex. */
  verify(keyId: string, message: string, signature: string): boolean {
    const key = this.keys.get(keyId);
    if (!key || typeof signature !== 'string' || !/^[0-9a-f]{128}$/.test(signature)) return false;
    return verifyBytes(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'hex'));
  }
}

function assertEd25519(key: KeyObject): void {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new InvalidKeyError(`checkpoint keys are Ed25519, not ${key.asymmetricKeyType}`);
  }
}
