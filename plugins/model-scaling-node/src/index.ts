/**
 * Node-only shared code of Model Scaling for Backstage: reading cluster
 * connections for the read identity (the watcher, from
 * `kubernetes.clusterLocatorMethods`) and the write identity (the scaffolder's
 * apply action, from `modelScaling.scaffolder.targets`), and the Kubernetes
 * client factory with its deadlines.
 *
 * @packageDocumentation
 */

export {
  IN_CLUSTER_TOKEN_PATH,
  type ClusterAuth,
  type ClusterConfig,
} from './cluster/types';
export {
  defaultInClusterToken,
  LOCAL_PROXY_CLUSTER,
  readClusterConfigs,
  type ReadClusterOptions,
} from './cluster/readClusterConfigs';
export {
  readWriteTargets,
  WRITE_TARGETS_KEY,
  type ReadWriteTargetsOptions,
  type WriteTarget,
} from './cluster/readWriteTargets';
export {
  createKubeConfig,
  resolveBearerToken,
  type CreateKubeConfigOptions,
} from './client/createKubeConfig';
export {
  DEFAULT_REQUEST_TIMEOUT_MS,
  DeadlineExceededError,
  withDeadline,
} from './client/timeouts';
