import {
  ANY,
  StreamNotFoundError as EsdbStreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  NO_STREAM,
  STREAM_EXISTS,
  UnavailableError,
} from '@eventstore/db-client';
import fc from 'fast-check';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../../store/event-store';
import {
  fromEsdbCurrentRevision,
  fromEsdbExpectedRevision,
  isTransientError,
  toEsdbExpectedRevision,
  toPortError,
} from './esdb-revisions';

describe('EventStoreDB expected revisions', () => {
  it('maps the four expectations one to one', () => {
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
    expect(toEsdbExpectedRevision(0)).toBe(0n);
    expect(toEsdbExpectedRevision(41)).toBe(41n);
  });

  it('maps back what it maps out', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom('any' as const, 'no_stream' as const, 'stream_exists' as const),
          fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        ),
        (expected) => {
          expect(fromEsdbExpectedRevision(toEsdbExpectedRevision(expected))).toBe(expected);
        },
      ),
    );
  });

  it('refuses revisions that are not non-negative safe integers', () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 53])
      expect(() => toEsdbExpectedRevision(bad)).toThrow(RangeError);
  });

  it("reads the server's numeric codes in errors built from trailers", () => {
    expect(fromEsdbExpectedRevision(-1n)).toBe('no_stream');
    expect(fromEsdbExpectedRevision(-2n)).toBe('any');
    expect(fromEsdbExpectedRevision(-4n)).toBe('stream_exists');
    expect(fromEsdbCurrentRevision(NO_STREAM)).toBe('no_stream');
    expect(fromEsdbCurrentRevision(-1n)).toBe('no_stream');
    expect(fromEsdbCurrentRevision(7n)).toBe(7);
  });
});

describe("EventStoreDB client errors as the port's errors", () => {
  const wrong = (expected: bigint | 'no_stream' | 'stream_exists', current: bigint | 'no_stream') =>
    new EsdbWrongExpectedVersionError(undefined as never, { streamName: 'ns.case-1', expected, current });

  it('WrongExpectedVersionError → WrongExpectedRevisionError with expected and actual, named by the port stream', () => {
    const mapped = toPortError(wrong(3n, 5n), 'case-1');
    expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
    expect(mapped).toMatchObject({ stream: 'case-1', expected: 3, actual: 5 });
    expect(toPortError(wrong('no_stream', 0n), 'case-1')).toMatchObject({ expected: 'no_stream', actual: 0 });
    expect(toPortError(wrong(0n, 'no_stream'), 'case-1')).toMatchObject({ expected: 0, actual: 'no_stream' });
  });

  it('StreamNotFoundError → StreamNotFoundError', () => {
    const mapped = toPortError(new EsdbStreamNotFoundError(undefined, 'ns.case-1'), 'case-1');
    expect(mapped).toBeInstanceOf(StreamNotFoundError);
    expect(mapped).toMatchObject({ stream: 'case-1' });
  });

  it('passes anything else through unchanged', () => {
    const other = new Error('boom');
    expect(toPortError(other, 'case-1')).toBe(other);
  });

  it('tells connection trouble (worth a retry) from refusals', () => {
    expect(isTransientError(new UnavailableError())).toBe(true);
    expect(isTransientError({ code: 14 })).toBe(true);
    expect(isTransientError(wrong(1n, 2n))).toBe(false);
    expect(isTransientError(new TypeError('bad'))).toBe(false);
  });
});
