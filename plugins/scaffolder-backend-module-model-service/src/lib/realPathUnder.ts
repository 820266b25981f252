import { realpath } from 'node:fs/promises';
import { isChildPath } from '@backstage/backend-plugin-api';

/** Where a path really is, relative to a base directory. */
export type RealPathCheck =
  | { inside: true; realPath: string }
  | { inside: false; reason: 'missing' | 'outside' };

/**
 * Whether `target` is, after resolving every symlink, strictly below `baseDir` (also resolved).
 * The one containment check of local publishing: the catalog's file locations and the
 * repositories `model-service:fix:propose` may change both use it, so a symlink can lead
 * neither outside `modelScaling.scaffolder.localPublish.baseDir`.
 */
export async function realPathUnder(
  baseDir: string,
  target: string,
): Promise<RealPathCheck> {
  let realBase: string;
  let realTarget: string;
  try {
    realBase = await realpath(baseDir);
    realTarget = await realpath(target);
  } catch {
    return { inside: false, reason: 'missing' };
  }
  if (realTarget === realBase || !isChildPath(realBase, realTarget)) {
    return { inside: false, reason: 'outside' };
  }
  return { inside: true, realPath: realTarget };
}
