import { randomUUID } from 'node:crypto';
import { InMemoryEventStore } from '@ledger/event-sourcing';
import { appendOptionsFor } from '@ledger/event-sourcing/testing/append-options';
import { PersonalDataProtector } from '@ledger/security';
import { MemoryVault } from '@ledger/security/testing/memory-vault';
import { customerStream } from '../customers/customer';
import { SoleWriter } from '../shared/sole-writer';
import { CustomerIdentities } from './customer-identities';

/** For the clearance specs: an in-memory ledger, its identity index, and registrations appended directly. */
export const ana = { firstName: 'Ana', lastName: 'Reyes', dateOfBirth: '1990-04-12' };

export function ledger(soleWriter: boolean) {
  const store = new InMemoryEventStore();
  const protector = new PersonalDataProtector(new MemoryVault());
  const reads = jest.spyOn(store, 'readAll');
  const identities = new CustomerIdentities(store, protector, new SoleWriter(soleWriter));
  const register = async (person = ana, sealedHere = false) => {
    const id = randomUUID();
    const { key, durable } = await protector.newKey(id);
    await durable;
    const personal = protector.seal(id, key, person);
    if (sealedHere) identities.rememberSealed(personal, person);
    await store.append(
      customerStream(id),
      [
        {
          type: 'CustomerRegistered',
          data: {
            customerId: id,
            registeredBy: 'p-1',
            personal,
            clearance: {},
          },
        },
      ],
      appendOptionsFor(-1),
    );
    return id;
  };
  return { store, protector, reads, identities, register };
}
