import { join } from 'node:path';
import { referralBoardSuite } from './testing/referral-board-suite';

const sqlite = async (dir: string) => ({
  kind: 'sqlite' as const,
  file: join(dir, `read-${Math.random()}.db`),
});

describe('views on SQLite', () => {
  referralBoardSuite(sqlite);
});
