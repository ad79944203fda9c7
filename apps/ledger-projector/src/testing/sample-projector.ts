import { setTimeout as sleep } from 'node:timers/promises';
import { sampleProjection } from '@ledger/event-sourcing/testing/sample-projection';
import { runProjector } from '../run-projector';

/**
 * The projector process exactly as `main.ts` runs it, with the sample projection instead of the
 * domain's views (the failover tests). `SAMPLE_MID_BATCH_MS` holds each batch's transaction open
 * that long between its two tables' writes, so a SIGKILL lands mid-batch more often than not.
 */
const pause = Number(process.env.SAMPLE_MID_BATCH_MS ?? 0);
runProjector([sampleProjection({ midBatch: pause > 0 ? () => sleep(pause) : undefined })]).catch(
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
