import { join } from 'node:path';
import { projectionRunnerSuite } from '../testing/projection-runner-suite';

projectionRunnerSuite('SQLite', async (dir) => ({
  kind: 'sqlite',
  file: join(dir, `read-${Math.random()}.db`),
}));
