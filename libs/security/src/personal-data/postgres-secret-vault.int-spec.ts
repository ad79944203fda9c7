import {
  type PostgresServer,
  postgresAvailability,
  startPostgres,
} from '@ledger/event-sourcing/testing/postgres';
import { Client } from 'pg';
import { PersonalDataProtector } from './personal-data-protector';
import { PostgresSecretVault, SecretConflictError, SecretDestroyedError } from './postgres-secret-vault';

const availability = postgresAvailability();

if (availability.available) {
  describe("PostgresSecretVault (the scaled mode keeps customers' data keys in PostgreSQL)", () => {
    let server: PostgresServer;
    let url: string;
    let vault: PostgresSecretVault;
    beforeAll(async () => {
      server = await startPostgres();
    }, 60_000);
    afterAll(() => server?.stop());
    beforeEach(async () => {
      url = await server.createDatabase();
      vault = new PostgresSecretVault(url);
    });
    afterEach(() => vault.close());

    it('keeps a key, keeps the first value, refuses another, and destroys a key for good', async () => {
      await vault.writeSecret('customer-key:a', 'one');
      await vault.writeSecret('customer-key:a', 'one');
      expect(await vault.readSecret('customer-key:a')).toBe('one');
      await expect(vault.writeSecret('customer-key:a', 'two')).rejects.toThrow(SecretConflictError);

      await vault.writeSecret('customer-key:a', null);
      expect(await vault.readSecret('customer-key:a')).toBeUndefined();
      await expect(vault.writeSecret('customer-key:a', 'one')).rejects.toThrow(SecretDestroyedError);
      expect(await vault.importSecret('customer-key:a', 'one')).toBe('destroyed');
      expect(await vault.readSecret('customer-key:never')).toBeUndefined();
    });

    it("after a destroy the key's bytes are gone from the table's pages (vacuumed, not just marked dead)", async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('CREATE EXTENSION IF NOT EXISTS pageinspect');
      } catch (error) {
        process.stderr.write(`\nSKIPPED the page check: no pageinspect here (${(error as Error).message})\n`);
        await client.end();
        return;
      }
      for (let i = 0; i < 20; i++) await vault.writeSecret(`customer-key:${i}`, `KEYBYTES-${i}-END`);
      const onPage = async (text: string) => {
        const { rows } = await client.query(
          "SELECT position($1::bytea in get_raw_page('ledger_vault.secrets', 0)) AS at",
          [Buffer.from(text)],
        );
        return Number(rows[0].at) > 0;
      };
      expect(await onPage('KEYBYTES-7-END')).toBe(true);
      await vault.writeSecret('customer-key:7', null);
      expect(await onPage('KEYBYTES-7-END')).toBe(false);
      expect(await onPage('KEYBYTES-8-END')).toBe(true);
      await client.end();
    });

    it('serves the personal data protector: two replicas agree on one key, shredding reaches both stores', async () => {
      const other = new PostgresSecretVault(url);
      const a = new PersonalDataProtector(vault);
      const b = new PersonalDataProtector(other);
      const { key, durable } = await a.newKey('c-1');
      await durable;
      expect((await b.keyOf('c-1'))?.equals(key)).toBe(true);
      const sealed = a.seal('c-1', key, { name: 'Ada' });
      expect(await b.openFor('c-1', sealed)).toEqual({ name: 'Ada' });
      await a.shred('c-1');
      expect(await new PersonalDataProtector(other).openFor('c-1', sealed)).toBeUndefined();
      await other.close();
    });

    it('replicas starting together create the schema once', async () => {
      const vaults = Array.from({ length: 4 }, () => new PostgresSecretVault(url));
      await Promise.all(vaults.map((v, i) => v.writeSecret(`k${i}`, String(i))));
      expect(await Promise.all(vaults.map((v, i) => v.readSecret(`k${i}`)))).toEqual(['0', '1', '2', '3']);
      await Promise.all(vaults.map((v) => v.close()));
    });
  });
} else {
  // Skipped only where no PostgreSQL can be reached or started (no URL, no initdb, no container engine); the title prints why.
  it.skip(`PostgresSecretVault (skipped: ${availability.reason})`, () => undefined);
  process.stderr.write(`\nSKIPPED PostgresSecretVault: ${availability.reason}\n`);
}
