import type { Config } from '@backstage/config';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { DemoClusterOptions } from './startDemoCluster';
import { parseTritonUpstreams } from './tritonUpstream';

/** The demo cluster's settings from app-config. */
export interface DemoClusterConfig {
  enabled: boolean;
  options: DemoClusterOptions;
}

/** The repository root: the nearest ancestor of `from` with a backstage.json. */
export function repoRoot(from = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'backstage.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(from);
    dir = parent;
  }
}

/** Reads `demoCluster` once into typed options; relative paths resolve against the repository root. */
export function readDemoClusterConfig(
  config: Config,
  root = repoRoot(),
): DemoClusterConfig {
  const section = config.getOptionalConfig('demoCluster');
  const path = (key: string) => {
    const value = section?.getOptionalString(key);
    if (value === undefined) return undefined;
    return isAbsolute(value) ? value : resolve(root, value);
  };
  const port = section?.getOptionalNumber('port') ?? 7480;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `demoCluster.port must be an integer between 0 and 65535, got ${port}`,
    );
  }
  const synthetic = section?.getOptionalConfig('synthetic');
  const upstreams = section?.getOptional('tritonUpstreams');
  return {
    enabled: section?.getOptionalBoolean('enabled') ?? false,
    options: {
      port,
      token: section?.getOptionalString('token') ?? 'demo-token',
      writeToken: section?.getOptionalString('writeToken'),
      fixturesDir: path('fixturesDir') ?? resolve(root, 'examples', 'cluster'),
      batchProfilesPath: path('batchProfilesPath'),
      seed: section?.getOptionalNumber('seed'),
      timeScale: section?.getOptionalNumber('timeScale'),
      startHour: section?.getOptionalNumber('startHour'),
      warmupSeconds: section?.getOptionalNumber('warmupSeconds'),
      synthetic: synthetic
        ? {
            services: synthetic.getNumber('services'),
            podsPerService: synthetic.getNumber('podsPerService'),
          }
        : undefined,
      tritonUpstreams:
        upstreams === undefined ? undefined : parseTritonUpstreams(upstreams),
    },
  };
}
