import { accounts } from './account';
import { type AccountActivity, sweep } from './account-sweep';

const active = (accountId: string, lastActivity: string, lastReviewedAt?: string): AccountActivity => ({
  accountId,
  state: { ...accounts.initialState(), exists: true, accountId, status: 'active' },
  lastActivity,
  lastReviewedAt,
});

describe('the inactivity sweep', () => {
  const now = new Date('2026-11-23T12:00:00Z');

  it('flags six months without activity, and disables once the grace period has passed too', () => {
    const result = sweep(
      [
        active('recent', '2026-11-01'),
        active('flagged', '2026-05-10'),
        active('overdue', '2026-04-01'),
        active('edge', '2026-05-23'),
      ],
      now,
    );
    expect(result.inactive.map((a) => a.accountId)).toEqual(['flagged', 'overdue']);
    expect(result.disable.map((a) => a.accountId)).toEqual(['overdue']);
  });

  it('starts the six months again after a review, and leaves accounts that are not active alone', () => {
    const disabled = {
      ...active('disabled', '2025-01-01'),
      state: { ...accounts.initialState(), status: 'disabled' as const },
    };
    const result = sweep([active('reviewed', '2026-01-01', '2026-10-01T09:00:00Z'), disabled], now);
    expect(result.inactive).toEqual([]);
  });
});
