import table from './data/nicknames.json';

/** Each name to the groups (formal name and its nicknames) it belongs to; "beto" is in Roberto's and Alberto's. */
const groupsByName = new Map<string, number[]>();
table.groups.forEach((group, id) => {
  for (const name of group) {
    const groups = groupsByName.get(name);
    if (groups) groups.push(id);
    else groupsByName.set(name, [id]);
  }
});

/** Both names normalised. True when some group holds both: Bill and William, but not Roberto and Alberto. */
export function areNicknames(a: string, b: string): boolean {
  if (a === b) return false;
  const left = groupsByName.get(a);
  const right = left && groupsByName.get(b);
  return !!right && left.some((group) => right.includes(group));
}

/** Other names of the same given name, for generating test data. */
export function nicknamesOf(name: string): string[] {
  const names = new Set<string>();
  for (const group of groupsByName.get(name) ?? []) for (const other of table.groups[group]) names.add(other);
  names.delete(name);
  return [...names];
}
