import { resolve as resolvePath } from 'node:path';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  PatternPresets,
  resolvePatternPresets,
} from '@internal/plugin-model-scaling-common';

/** A cluster the apply action can talk to, from `kubernetes.clusterLocatorMethods`. */
export interface ClusterConnection {
  name: string;
  /** API server URL. */
  url: string;
  /** Bearer token (`authProvider: serviceAccount`). */
  serviceAccountToken?: string;
  /** Base64 PEM of the API server's CA. */
  caData?: string;
  /** Path of a PEM file with the API server's CA. */
  caFile?: string;
  skipTLSVerify: boolean;
}

/** A cluster/namespace pair the platform team allows the apply action to write to. */
export interface AllowedTarget {
  cluster: string;
  namespace: string;
}

/** The plain, typed options of this module, read once from config. */
export interface ModelServiceScaffolderOptions {
  /** Pairs `model-service:cluster:apply` may write to; empty means none. */
  allowedTargets: AllowedTarget[];
  /** Clusters from `kubernetes.clusterLocatorMethods`. */
  clusters: ClusterConnection[];
  /** Set when `modelScaling.scaffolder.localPublish` is configured (demo only). */
  localPublish?: { baseDir: string };
  /** The golden-path presets: built-in defaults with `modelScaling.patterns` merged in. */
  presets: PatternPresets;
  /** Author of commits made by the local publisher (`scaffolder.defaultAuthor`). */
  defaultAuthor: { name: string; email: string };
}

/** The cluster name the Kubernetes plugin gives a `localKubectlProxy` locator. */
const LOCAL_PROXY_CLUSTER = 'local';

function readClusters(config: Config): ClusterConnection[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const clusters: ClusterConnection[] = [];
  for (const method of methods) {
    const type = method.getString('type');
    if (type === 'config') {
      for (const c of method.getOptionalConfigArray('clusters') ?? []) {
        clusters.push({
          name: c.getString('name'),
          url: c.getString('url'),
          serviceAccountToken: c.getOptionalString('serviceAccountToken'),
          caData: c.getOptionalString('caData'),
          caFile: c.getOptionalString('caFile'),
          skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
        });
      }
    } else if (type === 'localKubectlProxy') {
      clusters.push({
        name: LOCAL_PROXY_CLUSTER,
        url: 'http://localhost:8001',
        skipTLSVerify: false,
      });
    }
    // Other locator types (catalog, gke) have no static connection details;
    // the apply action does not support them.
  }
  return clusters;
}

/**
 * Reads the module's options from config: `modelScaling.scaffolder.*`,
 * `modelScaling.patterns` and the clusters of `kubernetes.clusterLocatorMethods`.
 * Invalid presets fail here, at startup, with the config path of each field.
 */
export function readModelServiceScaffolderConfig(
  config: Config,
): ModelServiceScaffolderOptions {
  const scaffolder = config.getOptionalConfig('modelScaling.scaffolder');
  const allowedTargets = (
    scaffolder?.getOptionalConfigArray('allowedTargets') ?? []
  ).map(t => ({
    cluster: t.getString('cluster'),
    namespace: t.getString('namespace'),
  }));
  const baseDir = scaffolder?.getOptionalString('localPublish.baseDir');
  if (baseDir !== undefined && baseDir.trim() === '') {
    throw new InputError(
      'modelScaling.scaffolder.localPublish.baseDir must not be empty',
    );
  }
  return {
    allowedTargets,
    clusters: readClusters(config),
    localPublish: baseDir ? { baseDir: resolvePath(baseDir) } : undefined,
    presets: resolvePatternPresets(
      config.getOptional<Record<string, unknown>>('modelScaling.patterns'),
    ),
    defaultAuthor: {
      name:
        config.getOptionalString('scaffolder.defaultAuthor.name') ??
        'Scaffolder',
      email:
        config.getOptionalString('scaffolder.defaultAuthor.email') ??
        'scaffolder@backstage.io',
    },
  };
}
