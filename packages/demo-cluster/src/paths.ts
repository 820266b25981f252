import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

function walkUp(from: string, relative: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Finds `relative` in this package's directory or an ancestor, else in the working directory's. */
export function findRepoPath(relative: string): string | undefined {
  // eslint-disable-next-line no-restricted-syntax -- the package's own location is where its repository is
  return walkUp(__dirname, relative) ?? walkUp(process.cwd(), relative);
}

/** Default fixtures: `examples/cluster` of the repository. */
export function defaultFixturesDir(): string {
  const found = findRepoPath(join('examples', 'cluster'));
  if (!found) {
    throw new Error(
      'Cannot find examples/cluster above the demo-cluster package or the working directory; set demoCluster.fixturesDir',
    );
  }
  return found;
}
