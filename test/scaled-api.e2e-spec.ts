import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type PostgresServer,
  postgresAvailability,
  startPostgres,
} from '@ledger/event-sourcing/testing/postgres';
import { Client } from 'pg';
import { WireDouble } from './eventstoredb-wire-double/wire-double';
import { LedgerTestApp } from './support/ledger-test-app';

/*
 * The API with LEDGER_EVENT_STORE=eventstoredb: events in EventStoreDB (here the wire double, not a
 * real server), customers' data keys in the PostgreSQL vault, nothing in an SQLite store.
 */
const availability = postgresAvailability();

(availability.available ? describe : describe.skip)(
  `ledger-api with LEDGER_EVENT_STORE=eventstoredb (wire double + PostgreSQL)${availability.available ? '' : ` (skipped: ${availability.reason})`}`,
  () => {
    let postgres: PostgresServer;
    let double: WireDouble;
    let readDatabaseUrl: string;
    let ledger: LedgerTestApp;
    beforeAll(async () => {
      postgres = await startPostgres();
      readDatabaseUrl = await postgres.createDatabase();
      double = await WireDouble.start();
      ledger = await LedgerTestApp.start({
        LEDGER_EVENT_STORE: 'eventstoredb',
        LEDGER_EVENTSTOREDB_URL: double.url,
        LEDGER_READ_DATABASE_URL: readDatabaseUrl,
      });
    }, 60_000);
    afterAll(async () => {
      await ledger?.stop();
      await double?.stop();
      await postgres?.stop();
    });

    it('records, seals personal data under a key kept in PostgreSQL, reads it back, and verifies', async () => {
      const admin = ledger.bootstrapToken;
      const partner = await ledger.post('/api/v1/partners', admin, {
        name: 'W-2',
        kind: 'w2-agency',
        programs: ['w2'],
      });
      expect(partner.status).toBe(201);
      const account = await ledger.post('/api/v1/accounts', admin, {
        legalName: 'Staff Member',
        partnerId: partner.body.id,
        email: `${randomUUID()}@agency.example`,
        roles: ['w2-fep'],
      });
      await ledger.post(`/api/v1/accounts/${account.body.id}/activation`, admin);
      const worker = await ledger.tokenFor(account.body.id);
      const created = await ledger.post('/api/v1/customers', worker, {
        firstName: 'Ana',
        lastName: 'Reyes',
        dateOfBirth: '1990-04-12',
        ssn: '123-45-6789',
        sex: 'F',
        address: { line1: '12 Water St', city: 'Milwaukee', state: 'WI', postalCode: '53202' },
        workReason: 'intake interview',
        clearance: { acknowledgedCandidateIds: [] },
      });
      expect(created.status).toBe(201);
      expect(created.body.position).toMatch(/^\d{20}\/\d{20}$/);
      const summary = await ledger.get(`/api/v1/customers/${created.body.id}`, worker);
      expect(summary.body.identity).toMatchObject({ firstName: 'Ana', lastName: 'Reyes' });

      const stored = double.log.events.map((e) => Buffer.from(e.data).toString('utf8')).join('\n');
      expect(stored).toContain(created.body.id);
      expect(stored).not.toContain('Reyes');
      const client = new Client({ connectionString: readDatabaseUrl });
      await client.connect();
      const keys = await client.query('SELECT id FROM ledger_vault.secrets');
      await client.end();
      expect(keys.rows).toEqual([{ id: `customer-key:${created.body.id}` }]);
      expect(existsSync(join(ledger.dataDir, 'events.db'))).toBe(false);
      expect(await ledger.verify()).toMatchObject({ intact: true });
    });
  },
);
if (!availability.available) process.stderr.write(`\nSKIPPED scaled ledger-api: ${availability.reason}\n`);
