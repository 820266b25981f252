/*
 * The read identity: the clusters of `kubernetes.clusterLocatorMethods`, read
 * by the node library that the scaffolder module's write identity shares
 * (one reader for token, token file, CA and in-cluster settings).
 */
export {
  IN_CLUSTER_TOKEN_PATH,
  readClusterConfigs,
  type ClusterAuth,
  type ClusterConfig,
  type ReadClusterOptions,
} from '@internal/plugin-model-scaling-node';
