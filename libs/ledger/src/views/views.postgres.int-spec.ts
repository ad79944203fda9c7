import {
  type PostgresServer,
  postgresAvailability,
  startPostgres,
} from '@ledger/event-sourcing/testing/postgres';
import { caseworkSuite } from './testing/casework-suite';
import { mergesSuite } from './testing/merges-suite';
import { rebuildSuite } from './testing/rebuild-suite';
import { referralBoardSuite } from './testing/referral-board-suite';
import { serviceIntegrationSuite } from './testing/service-integration-suite';
import { timelinessSuite } from './testing/timeliness-suite';

const availability = postgresAvailability();

if (availability.available) {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());
  const postgres = async () => ({ kind: 'postgres' as const, url: await server.createDatabase() });
  describe('views on PostgreSQL', () => {
    referralBoardSuite(postgres);
    caseworkSuite(postgres);
    timelinessSuite(postgres);
    serviceIntegrationSuite(postgres);
    mergesSuite(postgres);
    rebuildSuite(postgres);
  });
} else {
  // Skipped only where no PostgreSQL can be reached or started (no URL, no initdb, no container engine); the title prints why.
  it.skip(`views on PostgreSQL (skipped: ${availability.reason})`, () => undefined);
  console.warn(`Skipping the views on PostgreSQL: ${availability.reason}`);
}
