import { resolve as resolvePath } from 'node:path';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  PatternPresets,
  resolvePatternPresets,
} from '@internal/plugin-model-scaling-common';
import {
  readClusterConfigs,
  readWriteTargets,
  WriteTarget,
} from '@internal/plugin-model-scaling-node';

/** Where `model-service:repo:publish-local` publishes (demo/offline only). */
export interface LocalPublishOptions {
  /** Absolute base directory; repositories are made at `<baseDir>/<name>`. */
  baseDir: string;
}

/** The plain, typed options of this module, read once from config. */
export interface ModelServiceScaffolderOptions {
  /**
   * The clusters `model-service:cluster:apply` may write to, each with its
   * own write identity and namespaces (`modelScaling.scaffolder.targets`);
   * empty means none.
   */
  targets: WriteTarget[];
  /** Set when `modelScaling.scaffolder.localPublish` is configured and enabled (demo only). */
  localPublish?: LocalPublishOptions;
  /** The golden-path presets: built-in defaults with `modelScaling.patterns` merged in. */
  presets: PatternPresets;
  /** Author of commits made by the local publisher (`scaffolder.defaultAuthor`). */
  defaultAuthor: { name: string; email: string };
}

/** Options of {@link readModelServiceScaffolderConfig}, passed in so tests need no files. */
export interface ReadScaffolderConfigOptions {
  /** Reads the in-cluster token of the read identity (default: the ServiceAccount token file). */
  readInClusterToken?: () => string | undefined;
  /** Reads a write token file (default: `fs.readFileSync`). */
  readTokenFile?: (path: string) => string;
  /** Told about settings that are read no more. */
  warn?: (message: string) => void;
}

/**
 * `modelScaling.scaffolder.localPublish`: undefined unless `baseDir` is set
 * and `enabled` is not `false` (so a production config can turn off what
 * the base config sets for the demo).
 */
export function readLocalPublish(
  config: Config,
): LocalPublishOptions | undefined {
  const section = config.getOptionalConfig(
    'modelScaling.scaffolder.localPublish',
  );
  if (!section || section.getOptionalBoolean('enabled') === false) {
    return undefined;
  }
  const baseDir = section.getOptionalString('baseDir');
  if (baseDir === undefined) {
    return undefined;
  }
  if (baseDir.trim() === '') {
    throw new InputError(
      'modelScaling.scaffolder.localPublish.baseDir must not be empty',
    );
  }
  return { baseDir: resolvePath(baseDir) };
}

/**
 * Reads the module's options from config: the write targets of
 * `modelScaling.scaffolder.targets` (own credentials per cluster, never the
 * read token of `kubernetes.clusterLocatorMethods`), local publishing,
 * `modelScaling.patterns` and `scaffolder.defaultAuthor`. Invalid settings
 * fail here, at startup, with the config path of each field.
 */
export function readModelServiceScaffolderConfig(
  config: Config,
  options: ReadScaffolderConfigOptions = {},
): ModelServiceScaffolderOptions {
  if (config.has('modelScaling.scaffolder.allowedTargets')) {
    options.warn?.(
      'modelScaling.scaffolder.allowedTargets is not read any more: it made the apply action write with the read token of kubernetes.clusterLocatorMethods. List the clusters and namespaces in modelScaling.scaffolder.targets, each with its own serviceAccountToken, serviceAccountTokenFile or inCluster (docs/security.md)',
    );
  }
  const readClusters = readClusterConfigs(config, {
    readInClusterToken: options.readInClusterToken,
  });
  return {
    targets: readWriteTargets(config, {
      readClusters,
      readTokenFile: options.readTokenFile,
    }),
    localPublish: readLocalPublish(config),
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
