import type { CommandContext, Decider, DomainEvent } from '../command/decider';
import type { Actor } from '../envelope/envelope';

export function testContext(
  overrides: Omit<Partial<CommandContext>, 'actor'> & { actor?: Partial<Actor> } = {},
): CommandContext {
  const now = overrides.now ?? new Date('2026-03-02T15:00:00Z');
  return {
    commandId: 'command-1',
    correlationId: 'correlation-1',
    occurredAt: now.toISOString(),
    workReason: 'test scenario',
    ...overrides,
    now,
    actor: { accountId: 'account-1', partnerId: 'partner-1', roles: [], ...overrides.actor },
  };
}

/**
 * given(events).when(command).thenEmits(expectedEvents) — or .thenThrows(matcher) — for a pure decider.
 *
 *   spec(decider).given([opened]).when(close, ctx).thenEmits([{ type: 'Closed', data: … }])
 */
export function spec<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  return {
    given(events: readonly Event[]) {
      const state = events.reduce(decider.evolve, decider.initialState());
      return {
        when(command: Command, context: CommandContext = testContext()) {
          const run = () => decider.decide(command, state, context);
          return {
            thenEmits(expected: readonly Event[]) {
              expect(run()).toEqual(expected);
            },
            thenThrows(matcher: unknown) {
              expect(run).toThrow(matcher as never);
            },
            events: run,
          };
        },
      };
    },
  };
}
