import { lstat, readdir, readlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { isChildPath } from '@backstage/backend-plugin-api';

/**
 * The symlinks under `root` (skipping `.git`) whose target is absolute or
 * resolves outside `root`, as paths relative to `root`, sorted. Each link is
 * judged by its own target text, so a chain that leaves `root` at any step
 * is caught at that step. `root` itself is expected not to be a symlink.
 */
export async function findEscapingSymlinks(root: string): Promise<string[]> {
  const escaping: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') await walk(path);
      } else if (entry.isSymbolicLink()) {
        const target = await readlink(path);
        if (
          isAbsolute(target) ||
          !isChildPath(root, resolve(dirname(path), target))
        ) {
          escaping.push(relative(root, path));
        }
      }
    }
  }
  if ((await lstat(root)).isDirectory()) {
    await walk(root);
  }
  return escaping.sort();
}
