import type { Position } from '../../store/event-store';
import { planSlices } from './sqlite-verify';

const request = (ends: number[]) => ({
  exclude: 'ledger-checkpoints',
  ends: ends.map((e) => String(e) as Position),
});

describe('planSlices', () => {
  it('splits positions evenly without a digest', () => {
    expect(planSlices(10, 2)).toEqual([
      { after: 0, upTo: 5 },
      { after: 5, upTo: 10 },
    ]);
    expect(planSlices(1, 4)).toEqual([{ after: 0, upTo: 1 }]);
  });

  it('moves each cut to the next range end, so no digested range is split', () => {
    expect(planSlices(100, 2, request([30, 62, 90]))).toEqual([
      { after: 0, upTo: 62, digest: { exclude: 'ledger-checkpoints', ends: [30, 62] } },
      { after: 62, upTo: 100, digest: { exclude: 'ledger-checkpoints', ends: [90] } },
    ]);
  });

  it('cuts freely past the last range end, where only the uncovered tail is', () => {
    expect(planSlices(100, 4, request([10]))).toEqual([
      { after: 0, upTo: 25, digest: { exclude: 'ledger-checkpoints', ends: [10] } },
      { after: 25, upTo: 50, digest: { exclude: 'ledger-checkpoints', ends: [] } },
      { after: 50, upTo: 75, digest: { exclude: 'ledger-checkpoints', ends: [] } },
      { after: 75, upTo: 100, digest: { exclude: 'ledger-checkpoints', ends: [] } },
    ]);
  });

  it('gives range ends past the head to the last slice, so their (empty) ranges are still reported', () => {
    expect(planSlices(100, 2, request([99, 120]))).toEqual([
      { after: 0, upTo: 99, digest: { exclude: 'ledger-checkpoints', ends: [99] } },
      { after: 99, upTo: 100, digest: { exclude: 'ledger-checkpoints', ends: [120] } },
    ]);
    expect(planSlices(100, 2, request([100]))).toEqual([
      { after: 0, upTo: 100, digest: { exclude: 'ledger-checkpoints', ends: [100] } },
    ]);
  });
});
