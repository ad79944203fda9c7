import type { CommandContext } from '@ledger/event-sourcing';

/** A warning a rule raised without refusing the command (api.md "Rules and their codes"). */
export interface Warning {
  code: string;
  message: string;
  [detail: string]: unknown;
}

/** The answer of every command (api.md "Commands"), plus sub-resource ids such as `consentId`. */
export interface CommandAnswer {
  id: string;
  revision: number;
  position: string;
  warnings: Warning[];
  [subResourceId: string]: unknown;
}

/** A command's answer, and, when its id had been seen before, the fingerprint of that first request. */
export interface CommandOutcome {
  answer: CommandAnswer;
  replayOf?: { fingerprint?: string };
}

/**
 * What travels on the CommandBus: the use case's payload, the context (clock, actor, ids, work reason),
 * the revision the caller saw (`If-Match`), the request's fingerprint for idempotent replays, and whether
 * the command id was minted for this request (no Idempotency-Key: it cannot be a replay).
 */
export abstract class LedgerCommand<Payload> {
  constructor(
    readonly payload: Payload,
    readonly context: CommandContext,
    readonly options: { expectedRevision?: number; fingerprint?: string; commandIdMinted?: boolean } = {},
  ) {}
}
