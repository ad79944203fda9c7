import { type PostgresServer, postgresAvailability, startPostgres } from '../testing/postgres';
import { projectionRunnerSuite } from '../testing/projection-runner-suite';

const availability = postgresAvailability();

if (availability.available) {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());
  projectionRunnerSuite('PostgreSQL', async () => ({ kind: 'postgres', url: await server.createDatabase() }));
} else {
  // Skipped only where no PostgreSQL can be reached or started (no URL, no initdb, no container engine); the title prints why.
  it.skip(`projection runner on PostgreSQL (skipped: ${availability.reason})`, () => undefined);
  console.warn(`Skipping the PostgreSQL projection suite: ${availability.reason}`);
}
