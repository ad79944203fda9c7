import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, SignJWT } from 'jose';
import { InvalidTokenError, parseTtl, TokenService } from './token-service';

const settings = { issuer: 'ledger', audience: 'ledger-api', accountClaim: 'sub' };

describe('TokenService', () => {
  it('embedded mode: generates its key once (0600), issues and verifies, refuses expired and foreign tokens', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-tokens-'));
    const tokens = new TokenService({ ...settings, dataDir });
    expect(statSync(join(dataDir, 'token-signing-key.pem')).mode & 0o777).toBe(0o600);
    const token = await tokens.issue('account-1', 60);
    expect(await tokens.verify(token)).toBe('account-1');
    expect(await new TokenService({ ...settings, dataDir }).verify(token)).toBe('account-1');
    await expect(tokens.verify(await tokens.issue('account-1', -1))).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
    const elsewhere = new TokenService({
      ...settings,
      dataDir: mkdtempSync(join(tmpdir(), 'ledger-tokens-')),
    });
    await expect(tokens.verify(await elsewhere.issue('account-1'))).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(new TokenService({ ...settings, audience: 'other', dataDir }).verify(token)).rejects.toThrow(
      InvalidTokenError,
    );
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops trusting a cached token once it expires', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-tokens-'));
    const tokens = new TokenService({ ...settings, dataDir });
    const token = await tokens.issue('account-1', 60);
    expect(await tokens.verify(token)).toBe('account-1');
    await expect(tokens.verify(token, Date.now() + 61_000)).rejects.toBeInstanceOf(InvalidTokenError);
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('scaled mode: an identity provider by JWKS URL', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    let server: Server;
    let url: string;
    beforeAll(async () => {
      const jwk = { ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'EdDSA', use: 'sig' };
      server = createServer((_req, res) =>
        res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    const idpToken = (claims: Record<string, unknown>, issuer = 'https://idp.example') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'EdDSA', kid: 'idp-1' })
        .setIssuer(issuer)
        .setAudience('ledger-api')
        .setExpirationTime('5m')
        .sign(privateKey);

    it('verifies against the published keys and reads the account from the configured claim', async () => {
      const tokens = new TokenService({
        ...settings,
        issuer: 'https://idp.example',
        jwksUrl: url,
        accountClaim: 'ledger_account',
      });
      expect(await tokens.verify(await idpToken({ sub: 'someone', ledger_account: 'account-9' }))).toBe(
        'account-9',
      );
      await expect(tokens.verify(await idpToken({ sub: 'someone' }))).rejects.toThrow('names no account');
      await expect(
        tokens.verify(await idpToken({ ledger_account: 'a' }, 'https://evil.example')),
      ).rejects.toThrow(InvalidTokenError);
      await expect(tokens.issue('account-9')).rejects.toThrow('identity provider');
    });
  });

  it('parses lifetimes', () => {
    expect([parseTtl('8h'), parseTtl('30m'), parseTtl('45s'), parseTtl('2d'), parseTtl('3600')]).toEqual([
      28800, 1800, 45, 172800, 3600,
    ]);
    expect(() => parseTtl('soon')).toThrow('not a duration');
  });
});
