import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * Path of the JavaScript file for a sibling module, for code that must load it outside the current
 * module system (worker threads, child processes). Under Jest the sources are TypeScript, so the
 * copy built by `npm run build` (which `npm test` runs first) is used.
 */
export function compiledModulePath(fromDir: string, name: string): string {
  const sibling = join(fromDir, `${name}.js`);
  if (existsSync(sibling)) return sibling;
  const root = repositoryRoot(fromDir);
  const built = join(root, 'dist', relative(root, fromDir), `${name}.js`);
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
  return built;
}

function repositoryRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}
