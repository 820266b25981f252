import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  PatternPresets,
  resolvePatternPresets,
} from '@internal/plugin-model-scaling-common';
import { ClusterConfig, readClusterConfigs } from './ClusterConfig';
import {
  ModelScalingOptions,
  readModelScalingOptions,
} from './ModelScalingOptions';

/** Everything the backend reads from config, read once at startup. */
export interface BackendSettings {
  clusters: ClusterConfig[];
  options: ModelScalingOptions;
  presets: PatternPresets;
}

/**
 * Reads clusters (`kubernetes.clusterLocatorMethods`), our options
 * (`modelScaling`) and the golden-path presets (`modelScaling.patterns`).
 * A bad value fails startup with an error naming its key.
 */
export function readBackendSettings(
  config: Config,
  logger: LoggerService,
): BackendSettings {
  const clusters = readClusterConfigs(config, {
    warn: message => logger.warn(message),
  });
  if (clusters.length === 0) {
    logger.warn(
      'No clusters configured: add them under kubernetes.clusterLocatorMethods',
    );
  }
  return {
    clusters,
    options: readModelScalingOptions(config),
    presets: resolvePatternPresets(
      config.getOptional('modelScaling.patterns') as
        | Record<string, unknown>
        | undefined,
    ),
  };
}
