import { InMemoryEventStore } from '@ledger/event-sourcing';
import { appendOptionsFor } from '@ledger/event-sourcing/testing/append-options';
import { PersonalDataProtector } from '@ledger/security';
import { MemoryVault } from '@ledger/security/testing/memory-vault';
import { DomainError } from '../shared/domain-error';
import { customerStream } from './customer';
import { CustomerRecords } from './customer-records';

const now = new Date('2026-03-02T15:00:00Z');
const worker = { accountId: 'a-1', partnerId: 'p-1', roles: ['w2-fep'] };
const id = '0b9d7c55-6a63-4c8e-9d52-2f1d3c4b5a69';

async function ledger(cache = true) {
  const store = new InMemoryEventStore();
  const protector = new PersonalDataProtector(new MemoryVault());
  const reads = jest.spyOn(store, 'readStream');
  const records = new CustomerRecords(store, protector, { cache, ttlMs: 60_000 });
  const register = async () => {
    const { key, durable } = await protector.newKey(id);
    await durable;
    const personal = protector.seal(id, key, {
      firstName: 'Ana',
      lastName: 'Reyes',
      dateOfBirth: '1990-04-12',
    });
    await store.append(
      customerStream(id),
      [
        {
          type: 'CustomerRegistered',
          data: { customerId: id, registeredBy: 'p-1', personal, clearance: {} },
        },
      ],
      appendOptionsFor(-1),
    );
  };
  const involve = (revision: number) =>
    store.append(
      customerStream(id),
      [
        {
          type: 'ChildWelfareInvolvementRecorded',
          data: { customerId: id, involvementId: `i-${revision}`, partnerId: 'p-2', startedAt: '2026-03-01' },
        },
      ],
      appendOptionsFor(revision),
    );
  return { store, protector, reads, records, register, involve };
}

describe('CustomerRecords', () => {
  it('keeps a record between reads, and drops it at the commit of an append to the customer', async () => {
    const { reads, records, register, involve } = await ledger();
    await register();
    expect((await records.summary(id, worker, now)).identity?.lastName).toBe('Reyes');
    expect((await records.summary(id, worker, now)).revision).toBe(0);
    expect(reads).toHaveBeenCalledTimes(1);
    await involve(0);
    const after = await records.summary(id, worker, now);
    expect(after.revision).toBe(1);
    expect(after.childWelfareInvolvements).toHaveLength(1);
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('does not keep a record loaded while a write committed, nor an unknown customer', async () => {
    const { store, reads, records, register, involve } = await ledger();
    await expect(records.summary(id, worker, now)).rejects.toBeInstanceOf(DomainError);
    await register();
    const read = store.readStream.bind(store);
    reads.mockImplementationOnce(async (stream) => {
      const events = await read(stream);
      await involve(0); // commits after this load read revision 0
      return events;
    });
    expect((await records.summary(id, worker, now)).revision).toBe(0);
    expect((await records.summary(id, worker, now)).revision).toBe(1);
  });

  it('shows no personal details once the customer is erased, even from a kept record', async () => {
    const { protector, records, register } = await ledger();
    await register();
    expect((await records.summary(id, worker, now)).identity?.firstName).toBe('Ana');
    await protector.shred(id);
    const erased = await records.summary(id, worker, now);
    expect(erased.erased).toBe(true);
    expect(erased.identity).toBeUndefined();
  });

  it('refuses a partner with no access before opening anything', async () => {
    const { protector, records, register } = await ledger();
    await register();
    const open = jest.spyOn(protector, 'open');
    await expect(records.summary(id, { ...worker, partnerId: 'p-9' }, now)).rejects.toMatchObject({
      code: 'NO_ACCESS',
    });
    expect(open).not.toHaveBeenCalled();
  });

  it('reads the stream every time when it may not keep records (the scaled mode)', async () => {
    const { reads, records, register } = await ledger(false);
    await register();
    await records.summary(id, worker, now);
    await records.summary(id, worker, now);
    expect(reads).toHaveBeenCalledTimes(2);
  });
});
