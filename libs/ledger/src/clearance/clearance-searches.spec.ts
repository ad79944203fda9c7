import { SsnHasher } from '@ledger/security';
import { ana, ledger } from './clearance-fixture';
import { ClearanceSearches } from './clearance-searches';

const anna = { ...ana, firstName: 'Anna' };

function clearance() {
  const given = ledger(true);
  return {
    ...given,
    searches: new ClearanceSearches(given.identities, new SsnHasher({ key: 'ab'.repeat(32) })),
  };
}

describe('ClearanceSearches: a registration with the id of an earlier search', () => {
  it('reuses the candidates the worker was shown, when it follows its search', async () => {
    const { searches, register } = clearance();
    const t0 = Date.now();
    const { searchId, candidates } = await searches.search(ana, t0);
    expect(candidates).toEqual([]);
    await register(anna); // registered elsewhere a moment later
    const claim = await searches.claim('c-new', ana, searchId, t0 + 1000);
    expect(claim.candidates).toEqual([]);
    claim.release();
  });

  it('searches again when the search is older, so that whoever was registered meanwhile is named', async () => {
    const { searches, register } = clearance();
    const t0 = Date.now();
    const { searchId } = await searches.search(ana, t0);
    const meanwhile = await register(anna);
    const claim = await searches.claim('c-new', ana, searchId, t0 + 60_000);
    expect(claim.candidates.map((c) => c.customerId)).toEqual([meanwhile]);
    claim.release();
  });

  it('searches now for a changed identity or an unknown search id, and names registrations in flight', async () => {
    const { searches, register } = clearance();
    const t0 = Date.now();
    const { searchId } = await searches.search(ana, t0);
    const meanwhile = await register(anna);
    const changed = await searches.claim('c-1', { ...ana, lastName: 'Reyes-Ortiz' }, searchId, t0 + 1000);
    expect(changed.candidates.map((c) => c.customerId)).toEqual([meanwhile]);
    const unknown = await searches.claim('c-2', ana, 'no-such-search', t0 + 1000);
    expect(unknown.candidates.map((c) => c.customerId).sort()).toEqual(['c-1', meanwhile].sort());
    expect(unknown.candidates.find((c) => c.customerId === 'c-1')?.display).toMatchObject({ initials: 'AR' });
    changed.release();
    unknown.release();
  });
});
