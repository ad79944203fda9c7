import { caseworkProjection } from './casework';
import { referralBoardProjection } from './referral-board';
import { serviceIntegrationProjection } from './service-integration';
import { combinedProjection } from './shared/combined-projection';

/** The views' read models, each with its own tables. */
export const viewProjections = [
  referralBoardProjection,
  caseworkProjection,
  serviceIntegrationProjection,
] as const;

/** What a ProjectionRunner runs: the views as one projection, `ledger_views`, fed by one pass over the store. */
export const ledgerViews = [combinedProjection('ledger_views', viewProjections)] as const;

/**
 * Events per transaction while the views catch up (a live batch is cut as soon as the store has nothing
 * more): the views' keys are random, so a transaction touches pages all over their tables, and SQLite
 * writes (and checkpoints) each of them once per commit; 4,000 → 20,000 took a rebuild here from about
 * 17,000 to 27,000 events/s, and 20,000 → 100,000 cut its CPU time by a sixth. The runner applies them
 * in chunks of its default 2,000 (5,000 was no faster: more events live long enough to burden the GC).
 */
export const VIEW_BATCH_SIZE = 100_000;
