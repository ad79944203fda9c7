import { MemoryVault } from '../testing/memory-vault';
import { PersonalDataProtector } from './personal-data-protector';

describe('PersonalDataProtector', () => {
  const person = { firstName: 'Ana', lastName: 'Reyes', dateOfBirth: '1990-04-12' };

  it('seals with the customer key and opens it again, also from a fresh process', async () => {
    const vault = new MemoryVault();
    const protector = new PersonalDataProtector(vault);
    const { key, durable } = await protector.newKey('c1');
    await durable;
    const sealed = protector.seal('c1', key, person);
    expect(JSON.stringify(sealed)).not.toContain('Reyes');
    expect(await new PersonalDataProtector(vault).openFor('c1', sealed)).toEqual(person);
  });

  it('hands a retried registration the key already kept', async () => {
    const protector = new PersonalDataProtector(new MemoryVault());
    const first = await protector.newKey('c1');
    await first.durable;
    expect((await protector.newKey('c1')).key.equals(first.key)).toBe(true);
  });

  it('refuses a sealed value replayed under another customer', async () => {
    const protector = new PersonalDataProtector(new MemoryVault());
    const { key } = await protector.newKey('c1');
    const sealed = protector.seal('c1', key, person);
    expect(() => protector.open('c2', key, sealed)).toThrow();
  });

  it('erases for good once the key is shredded', async () => {
    const vault = new MemoryVault();
    const protector = new PersonalDataProtector(vault);
    const { key } = await protector.newKey('c1');
    const sealed = protector.seal('c1', key, person);
    await protector.shred('c1');
    expect(await protector.openFor('c1', sealed)).toBeUndefined();
    expect(await new PersonalDataProtector(vault).openFor('c1', sealed)).toBeUndefined();
  });
});
