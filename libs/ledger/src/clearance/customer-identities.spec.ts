import { appendOptionsFor } from '@ledger/event-sourcing/testing/append-options';
import { ana, ledger } from './clearance-fixture';

describe('CustomerIdentities', () => {
  it('with a sole writer, reads the store only after a customer append, and finds what was appended', async () => {
    const { store, reads, identities, register } = ledger(true);
    const first = await register();
    expect((await identities.search(ana)).map((c) => c.customerId)).toEqual([first]);
    await identities.search(ana);
    await identities.identityOf(first);
    expect(reads).toHaveBeenCalledTimes(1);
    await store.append('account-1', [{ type: 'AccountActive', data: {} }], appendOptionsFor('any'));
    await identities.search(ana);
    expect(reads).toHaveBeenCalledTimes(1);
    const second = await register();
    expect((await identities.search(ana)).map((c) => c.customerId).sort()).toEqual([first, second].sort());
  });

  it('a use that arrives while a read begun before the latest commit runs waits for a read after it', async () => {
    const { store, reads, identities, register } = ledger(true);
    await register();
    let meanwhile: Promise<unknown> | undefined;
    const readAll = store.readAll.bind(store);
    reads.mockImplementationOnce(async (options) => {
      const page = await readAll(options);
      const late = await register(); // commits after this page was read, while the read is still running
      meanwhile = identities.identityOf(late);
      return page;
    });
    await identities.catchUp();
    expect(await meanwhile).toMatchObject({ lastName: 'Reyes' });
  });

  it('trusts "nothing appended" for a second only: another process may have written', async () => {
    const { reads, identities, register } = ledger(true);
    await register();
    const start = Date.now();
    await identities.catchUp(start);
    await identities.catchUp(start + 500);
    expect(reads).toHaveBeenCalledTimes(1);
    await identities.catchUp(start + 5000);
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('without a sole writer (the scaled mode), reads the store on every use', async () => {
    const { reads, identities, register } = ledger(false);
    await register();
    await identities.search(ana);
    await identities.search(ana);
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('indexes what a handler of this process sealed without decrypting it, unless the key is gone', async () => {
    const { protector, identities, register } = ledger(true);
    const opens = jest.spyOn(protector, 'open');
    const here = await register(ana, true);
    expect(await identities.identityOf(here)).toMatchObject(ana);
    expect(opens).not.toHaveBeenCalled();
    const elsewhere = await register({ ...ana, firstName: 'Luis' });
    expect(await identities.identityOf(elsewhere)).toMatchObject({ firstName: 'Luis' });
    expect(opens).toHaveBeenCalledTimes(1);
    const erased = await register(ana, true);
    await protector.shred(erased);
    expect(await identities.identityOf(erased)).toBeUndefined();
  });

  it('a registration claimed and not yet appended is a candidate for a second claim of the same person', () => {
    const { identities } = ledger(true);
    const first = identities.claim('c-1', ana);
    expect(first.candidates).toEqual([]);
    const second = identities.claim('c-2', { ...ana, firstName: 'Anna' });
    expect(second.candidates).toEqual([
      expect.objectContaining({ customerId: 'c-1', grade: expect.stringMatching(/certain|probable/) }),
    ]);
    expect(identities.claim('c-3', { ...ana, firstName: 'Luis', lastName: 'Ortiz' }).candidates).toEqual([]);
    first.release();
    second.release();
    expect(identities.claim('c-4', ana).candidates).toEqual([]);
  });
});
