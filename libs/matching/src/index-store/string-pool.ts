/**
 * Interned strings: a million records hold a few tens of thousands of distinct names and postal codes,
 * so columns keep 4-byte ids. Strings are never released; the pool is bounded by the distinct values seen.
 */
export class StringPool {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];

  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  value(id: number): string {
    return this.values[id];
  }

  get size(): number {
    return this.values.length;
  }
}
