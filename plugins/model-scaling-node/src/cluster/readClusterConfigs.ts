import { Config } from '@backstage/config';
import fs from 'node:fs';
import {
  readApiServerUrl,
  readAuthMetadata,
  readCa,
  requiredString,
} from './connectionFields';
import { ClusterConfig, IN_CLUSTER_TOKEN_PATH } from './types';

const AUTH_PROVIDER_ANNOTATION = 'kubernetes.io/auth-provider';
const SUPPORTED_LOCATORS = ['config', 'localKubectlProxy'];
const SUPPORTED_AUTH = ['serviceAccount', 'localKubectlProxy'];

/** The cluster name the Kubernetes plugin gives a `localKubectlProxy` locator. */
export const LOCAL_PROXY_CLUSTER = 'local';

/** Options for {@link readClusterConfigs}, passed in so tests need no files. */
export interface ReadClusterOptions {
  /** Reads the in-cluster token; defaults to reading {@link IN_CLUSTER_TOKEN_PATH}. */
  readInClusterToken?: () => string | undefined;
  /** Called for locator types we skip (`gke`, `catalog`). */
  warn?: (message: string) => void;
}

/** Reads the in-cluster ServiceAccount token, or undefined outside a pod. */
export function defaultInClusterToken(): string | undefined {
  try {
    return fs.readFileSync(IN_CLUSTER_TOKEN_PATH, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * Reads the read identity: the clusters of the Kubernetes plugin's own
 * config, `kubernetes.clusterLocatorMethods` (types `config` and
 * `localKubectlProxy`), so clusters are configured once for both plugins.
 * The Kubernetes plugin's proxy forwards these tokens for signed-in users, so
 * they must only be able to read (see docs/security.md).
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
        name: LOCAL_PROXY_CLUSTER,
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
      const parsed = readApiServerUrl(url, key);
      const authMetadata = readAuthMetadata(entry);
      const authProvider =
        authMetadata[AUTH_PROVIDER_ANNOTATION] ??
        entry.getOptionalString('authProvider');
      if (!authProvider) {
        throw new Error(
          `Invalid config at ${key}: cluster '${name}' has no authProvider (set ${key}.authProvider)`,
        );
      }
      const cluster: ClusterConfig = {
        name,
        url: url.replace(/\/+$/, ''),
        title: entry.getOptionalString('title'),
        skipTLSVerify: entry.getOptionalBoolean('skipTLSVerify') ?? false,
        ...readCa(entry, key),
        auth: { type: 'none' },
      };
      if (!SUPPORTED_AUTH.includes(authProvider)) {
        cluster.configError = `authProvider '${authProvider}' is not supported by model-scaling (supported: ${SUPPORTED_AUTH.join(
          ', ',
        )})`;
      } else if (authProvider === 'serviceAccount') {
        const token =
          entry.getOptionalString('serviceAccountToken') ??
          authMetadata.serviceAccountToken ??
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
