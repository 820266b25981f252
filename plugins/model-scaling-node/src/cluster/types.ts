/**
 * How a client authenticates to one cluster.
 *
 * - `serviceAccount`: a bearer token known when config is read.
 * - `serviceAccountTokenFile`: a bearer token read from a file each time a
 *   client is made, so projected (rotating) ServiceAccount tokens work.
 * - `none`: no credentials (a `localKubectlProxy` that adds its own).
 */
export type ClusterAuth =
  | { type: 'serviceAccount'; token: string }
  | { type: 'serviceAccountTokenFile'; tokenFile: string }
  | { type: 'none' };

/** One cluster connection: where the API server is, how to trust it, who we are to it. */
export interface ClusterConfig {
  name: string;
  /** API server URL, without a trailing `/`. */
  url: string;
  title?: string;
  auth: ClusterAuth;
  skipTLSVerify: boolean;
  /** Base64 PEM of the API server's CA (`caData`). */
  caData?: string;
  /** Path of a PEM file with the API server's CA (`caFile`). */
  caFile?: string;
  /**
   * Set when the cluster cannot be used as configured (for example an auth
   * provider we do not support). The cluster is then listed with this error
   * instead of being watched.
   */
  configError?: string;
}

/** The in-cluster ServiceAccount token path. */
export const IN_CLUSTER_TOKEN_PATH =
  '/var/run/secrets/kubernetes.io/serviceaccount/token';
