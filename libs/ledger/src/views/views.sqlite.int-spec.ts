import { join } from 'node:path';
import { caseworkSuite } from './testing/casework-suite';
import { mergesSuite } from './testing/merges-suite';
import { rebuildSuite } from './testing/rebuild-suite';
import { referralBoardSuite } from './testing/referral-board-suite';
import { serviceIntegrationSuite } from './testing/service-integration-suite';
import { timelinessSuite } from './testing/timeliness-suite';

const sqlite = async (dir: string) => ({
  kind: 'sqlite' as const,
  file: join(dir, `read-${Math.random()}.db`),
});

describe('views on SQLite', () => {
  referralBoardSuite(sqlite);
  caseworkSuite(sqlite);
  timelinessSuite(sqlite);
  serviceIntegrationSuite(sqlite);
  mergesSuite(sqlite);
  rebuildSuite(sqlite);
});
