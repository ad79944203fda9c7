import type { Actor } from '../envelope/envelope';

/** What every command carries besides its data: the clock, the actor and the ids, so deciders stay pure. */
export interface CommandContext {
  /** The ledger's time of the command: rules are judged at it. */
  now: Date;
  actor: Actor;
  commandId: string;
  correlationId: string;
  causationId?: string;
  workReason?: string;
  /** Business time, from the command; defaults to `now`. */
  occurredAt: string;
}

/** An event as a decider produces it and `evolve` consumes it. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/**
 * A stream category's pure logic: `decide` turns a command and the current state into new events (or
 * throws a domain error), `evolve` folds one event into the state.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  decide(command: Command, state: State, context: CommandContext): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export function fold<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
