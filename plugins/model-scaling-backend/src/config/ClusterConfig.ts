import { Config } from '@backstage/config';
import fs from 'node:fs';

/** How the backend authenticates to one cluster. */
export type ClusterAuth =
  | { type: 'serviceAccount'; token: string }
  | { type: 'none' };

/** One cluster, read from `kubernetes.clusterLocatorMethods`. */
export interface ClusterConfig {
  name: string;
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

/** The in-cluster service account token path, used when `serviceAccount` has no token. */
export const IN_CLUSTER_TOKEN_PATH =
  '/var/run/secrets/kubernetes.io/serviceaccount/token';

const AUTH_PROVIDER_ANNOTATION = 'kubernetes.io/auth-provider';
const SUPPORTED_LOCATORS = ['config', 'localKubectlProxy'];
const SUPPORTED_AUTH = ['serviceAccount', 'localKubectlProxy'];

/** Options for {@link readClusterConfigs}, passed in so tests need no files. */
export interface ReadClusterOptions {
  /** Reads the in-cluster token; defaults to reading {@link IN_CLUSTER_TOKEN_PATH}. */
  readInClusterToken?: () => string | undefined;
  /** Called for locator types we skip (`gke`, `catalog`). */
  warn?: (message: string) => void;
}

function defaultInClusterToken(): string | undefined {
  try {
    return fs.readFileSync(IN_CLUSTER_TOKEN_PATH, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * Reads the clusters from the Kubernetes plugin's own config,
 * `kubernetes.clusterLocatorMethods` (types `config` and `localKubectlProxy`),
 * so clusters are configured once for both plugins.
 *
 * Throws an error naming the config key when a cluster entry is malformed.
 */
export function readClusterConfigs(
  config: Config,
  options: ReadClusterOptions = {},
): ClusterConfig[] {
  const readToken = options.readInClusterToken ?? defaultInClusterToken;
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const clusters: ClusterConfig[] = [];
  const names = new Set<string>();

  methods.forEach((method, methodIndex) => {
    const methodKey = `kubernetes.clusterLocatorMethods[${methodIndex}]`;
    const type = method.getString('type');
    if (!SUPPORTED_LOCATORS.includes(type)) {
      options.warn?.(
        `${methodKey}.type '${type}' is not read by model-scaling; supported: ${SUPPORTED_LOCATORS.join(
          ', ',
        )}`,
      );
      return;
    }
    if (type === 'localKubectlProxy') {
      add({
        name: 'local',
        url: 'http://localhost:8001',
        auth: { type: 'none' },
        skipTLSVerify: true,
      });
      return;
    }

    const entries = method.getOptionalConfigArray('clusters') ?? [];
    entries.forEach((entry, clusterIndex) => {
      const key = `${methodKey}.clusters[${clusterIndex}]`;
      const name = requiredString(entry, 'name', key);
      const url = requiredString(entry, 'url', key);
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new Error(
          `Invalid config at ${key}.url: '${url}' is not an absolute URL`,
        );
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new Error(
          `Invalid config at ${key}.url: protocol must be http or https, got '${parsed.protocol}'`,
        );
      }
      // Keys of authMetadata contain '/' and '.', which config readers cannot address.
      const authMetadata = (entry.getOptional('authMetadata') ?? {}) as Record<
        string,
        unknown
      >;
      const metaString = (k: string) =>
        typeof authMetadata[k] === 'string'
          ? (authMetadata[k] as string)
          : undefined;
      const authProvider =
        metaString(AUTH_PROVIDER_ANNOTATION) ??
        entry.getOptionalString('authProvider');
      if (!authProvider) {
        throw new Error(
          `Invalid config at ${key}: cluster '${name}' has no authProvider (set ${key}.authProvider)`,
        );
      }
      const caData = entry.getOptionalString('caData');
      const caFile = entry.getOptionalString('caFile');
      if (caData !== undefined && !/^[A-Za-z0-9+/=\s]+$/.test(caData)) {
        throw new Error(
          `Invalid config at ${key}.caData: must be base64-encoded PEM`,
        );
      }
      const cluster: ClusterConfig = {
        name,
        url: url.replace(/\/+$/, ''),
        title: entry.getOptionalString('title'),
        skipTLSVerify: entry.getOptionalBoolean('skipTLSVerify') ?? false,
        caData,
        caFile,
        auth: { type: 'none' },
      };
      if (!SUPPORTED_AUTH.includes(authProvider)) {
        cluster.configError = `authProvider '${authProvider}' is not supported by model-scaling (supported: ${SUPPORTED_AUTH.join(
          ', ',
        )})`;
      } else if (authProvider === 'serviceAccount') {
        const token =
          entry.getOptionalString('serviceAccountToken') ??
          metaString('serviceAccountToken') ??
          readToken();
        if (!token) {
          throw new Error(
            `Invalid config at ${key}.serviceAccountToken: cluster '${name}' uses authProvider serviceAccount but has no token and no in-cluster token at ${IN_CLUSTER_TOKEN_PATH}`,
          );
        }
        cluster.auth = { type: 'serviceAccount', token };
      }
      if (parsed.protocol === 'http:') {
        // Plain HTTP has no TLS to verify; the client library requires the flag for http URLs.
        cluster.skipTLSVerify = true;
      }
      add(cluster, key);
    });
  });
  return clusters;

  function add(cluster: ClusterConfig, key?: string) {
    if (names.has(cluster.name)) {
      throw new Error(
        `Invalid config${
          key ? ` at ${key}.name` : ''
        }: duplicate cluster name '${cluster.name}'`,
      );
    }
    names.add(cluster.name);
    clusters.push(cluster);
  }
}

function requiredString(config: Config, field: string, key: string): string {
  const value = config.getOptionalString(field);
  if (!value) {
    throw new Error(`Invalid config at ${key}.${field}: required`);
  }
  return value;
}
