import type { CommandContext } from '@ledger/event-sourcing';
import { wrongPartner } from './domain-error';

/** An actor with a partner acts for that partner only; one with none (a state office) for every partner. */
export function requireOwnPartner(context: CommandContext, partnerId: string, what: string): void {
  const own = context.actor.partnerId;
  if (own !== null && own !== partnerId)
    throw wrongPartner(`${what} belongs to partner ${partnerId}, not yours`);
}
