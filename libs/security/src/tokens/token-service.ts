import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import * as jose from 'jose';
import { readOrCreateSecret } from './key-files';

export interface TokenSettings {
  issuer: string;
  audience: string;
  /** Claim naming the account; `sub` by default. */
  accountClaim: string;
  /** Embedded mode: the data directory holding the signing key. Scaled mode: a JWKS URL instead. */
  dataDir?: string;
  jwksUrl?: string;
}

export class InvalidTokenError extends Error {}

const CACHE_LIMIT = 50_000;

/**
 * Issues (embedded mode) and verifies bearer JWTs. Verifying EdDSA costs ~100 µs, so verified tokens are
 * cached until they expire: a request then costs a map lookup. The account's state decides the rest.
 */
export class TokenService {
  private readonly verified = new Map<string, { accountId: string; exp: number }>();
  private readonly verifyKey: jose.CryptoKey | Parameters<typeof jose.jwtVerify>[1];
  private readonly signKey?: jose.CryptoKey | Uint8Array | jose.KeyObject;

  constructor(private readonly settings: TokenSettings) {
    if (settings.jwksUrl) {
      this.verifyKey = jose.createRemoteJWKSet(new URL(settings.jwksUrl));
    } else {
      if (!settings.dataDir) throw new Error('the embedded mode needs a data directory for its signing key');
      const pem = readOrCreateSecret(join(settings.dataDir, 'token-signing-key.pem'), () =>
        generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      );
      const privateKey = createPrivateKey(pem);
      this.signKey = privateKey;
      this.verifyKey = createPublicKey(privateKey);
    }
  }

  async issue(accountId: string, ttlSeconds = 8 * 3600, now = new Date()): Promise<string> {
    if (!this.signKey) throw new Error('tokens are issued by the identity provider in this mode');
    const iat = Math.floor(now.getTime() / 1000);
    return new jose.SignJWT({ [this.settings.accountClaim]: accountId })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
      .setSubject(accountId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .setJti(randomUUID())
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .sign(this.signKey);
  }

  /** The account id the token speaks for; throws InvalidTokenError with the reason otherwise. */
  async verify(token: string, now = Date.now()): Promise<string> {
    const cached = this.verified.get(token);
    if (cached && cached.exp * 1000 > now) return cached.accountId;
    if (cached) this.verified.delete(token);
    let payload: jose.JWTPayload;
    try {
      ({ payload } = await jose.jwtVerify(token, this.verifyKey as jose.CryptoKey, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        currentDate: new Date(now),
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw new InvalidTokenError(error instanceof Error ? error.message : 'invalid token');
    }
    const accountId = payload[this.settings.accountClaim];
    if (typeof accountId !== 'string' || !accountId)
      throw new InvalidTokenError('the token names no account');
    if (this.verified.size >= CACHE_LIMIT) this.verified.clear();
    this.verified.set(token, { accountId, exp: payload.exp as number });
    return accountId;
  }
}

/** Parses `8h`, `30m`, `45s`, `2d` or plain seconds. */
export function parseTtl(text: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (!match) throw new Error(`not a duration: ${text} (use e.g. 8h, 30m, 3600)`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}
