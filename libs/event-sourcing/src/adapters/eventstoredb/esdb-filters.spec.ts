import { EVENT_TYPE, type RegexFilter, STREAM_NAME } from '@eventstore/db-client';
import { ATTEMPT_EVENT_TYPE, allFilter, escapeRegex, StreamNaming } from './esdb-filters';

/** The server evaluates the regex on one dimension; .NET and JavaScript agree on these patterns. */
function serverAccepts(
  filter: ReturnType<typeof allFilter>,
  event: { streamId: string; type: string },
): boolean {
  const server = filter.server as RegexFilter;
  const subject = server.filterOn === STREAM_NAME ? event.streamId : event.type;
  return new RegExp(server.regex).test(subject);
}

const e = (streamId: string, type = 'Thing') => ({ streamId, type });

describe('EventStoreDB $all filters', () => {
  it('without a filter, excludes system events and the ledger bookkeeping on the server, by event type', () => {
    const filter = allFilter(new StreamNaming());
    expect(filter.server.filterOn).toBe(EVENT_TYPE);
    expect(serverAccepts(filter, e('case-1'))).toBe(true);
    expect(serverAccepts(filter, e('$stats-1', '$statsCollected'))).toBe(false);
    expect(serverAccepts(filter, e('command-1', ATTEMPT_EVENT_TYPE))).toBe(false);
    expect(serverAccepts(filter, e('case-1', `${ATTEMPT_EVENT_TYPE}s`))).toBe(true);
    expect(filter.accepts(e('$$case-1', 'Thing'))).toBe(false);
    expect(filter.accepts(e('case-1'))).toBe(true);
  });

  it('filters types on the server, exactly', () => {
    const filter = allFilter(new StreamNaming(), { types: ['Opened', 'Closed.v2'] });
    expect(filter.server.filterOn).toBe(EVENT_TYPE);
    expect(serverAccepts(filter, e('case-1', 'Opened'))).toBe(true);
    expect(serverAccepts(filter, e('case-1', 'Closedxv2'))).toBe(false);
    expect(serverAccepts(filter, e('case-1', 'Reopened'))).toBe(false);
    expect(filter.accepts(e('case-1', 'Closed.v2'))).toBe(true);
  });

  it('filters categories on the server by stream name: the part before the first dash', () => {
    const filter = allFilter(new StreamNaming(), { categories: ['case', 'plan'] });
    expect(filter.server.filterOn).toBe(STREAM_NAME);
    for (const stream of ['case-1', 'case', 'plan-2-3']) expect(serverAccepts(filter, e(stream))).toBe(true);
    for (const stream of ['cases-1', 'casement', 'x-case-1'])
      expect(serverAccepts(filter, e(stream))).toBe(false);
  });

  it('checks the other dimension client-side when both are given', () => {
    const filter = allFilter(new StreamNaming(), { categories: ['case'], types: ['Opened'] });
    expect(filter.accepts(e('case-1', 'Opened'))).toBe(true);
    expect(filter.accepts(e('case-1', 'Closed'))).toBe(false);
    expect(filter.accepts(e('plan-1', 'Opened'))).toBe(false);
  });

  it("with a prefix, sees only its own ledger's streams, under their port names", () => {
    const naming = new StreamNaming('run.7:');
    const filter = allFilter(naming, { categories: ['case'] });
    expect(serverAccepts(filter, e('run.7:case-1'))).toBe(true);
    expect(serverAccepts(filter, e('run.7xcase-1'))).toBe(false);
    expect(serverAccepts(filter, e('case-1'))).toBe(false);
    expect(filter.accepts(e('run.8:case-1'))).toBe(false);
    expect(naming.toPort('run.7:case-1')).toBe('case-1');
    expect(naming.toPort('case-1')).toBeUndefined();
    expect(naming.commandStream('c1')).toBe('run.7:command-c1');
    expect(() => new StreamNaming('$x')).toThrow(TypeError);
  });

  it('escapes what both regex dialects treat specially', () => {
    expect(new RegExp(`^${escapeRegex('a.b*c+(d)|[e]$^\\')}$`).test('a.b*c+(d)|[e]$^\\')).toBe(true);
  });
});
