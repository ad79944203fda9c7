import type { SecretVault } from '../personal-data/personal-data-protector';

/** A vault in memory, for unit tests of what seals and opens customers' data. */
export class MemoryVault implements SecretVault {
  readonly secrets = new Map<string, string>();

  async writeSecret(id: string, value: string | null) {
    if (value === null) this.secrets.delete(id);
    else this.secrets.set(id, value);
  }

  async readSecret(id: string) {
    return this.secrets.get(id);
  }
}
