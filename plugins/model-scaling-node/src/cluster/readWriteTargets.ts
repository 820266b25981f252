import { Config } from '@backstage/config';
import fs from 'node:fs';
import { readApiServerUrl, readCa, requiredString } from './connectionFields';
import { ClusterAuth, ClusterConfig, IN_CLUSTER_TOKEN_PATH } from './types';

/** The config key of the write targets. */
export const WRITE_TARGETS_KEY = 'modelScaling.scaffolder.targets';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * A cluster the scaffolder's apply action may write to, with its own write
 * identity, and the namespaces it may write in.
 */
export interface WriteTarget {
  /** The cluster name the template's `cluster` input uses. */
  cluster: string;
  /** The only namespaces the action may write in. */
  namespaces: string[];
  /** Where the API server is and the write identity; never the read token. */
  connection: ClusterConfig;
}

/** Options of {@link readWriteTargets}, passed in so tests need no files. */
export interface ReadWriteTargetsOptions {
  /**
   * The read identities (`readClusterConfigs`): a target without `url` takes
   * the API server URL and TLS settings of the read cluster of its name, and
   * a target whose token equals the read token of its cluster is refused.
   */
  readClusters: ClusterConfig[];
  /** Reads a token file; defaults to `fs.readFileSync(path, 'utf8').trim()`. */
  readTokenFile?: (path: string) => string;
}

function defaultReadTokenFile(path: string): string {
  return fs.readFileSync(path, 'utf8').trim();
}

function readAuth(
  entry: Config,
  key: string,
  cluster: string,
): { auth: ClusterAuth; source: string } {
  const token = entry.getOptionalString('serviceAccountToken');
  const tokenFile = entry.getOptionalString('serviceAccountTokenFile');
  const inCluster = entry.getOptionalBoolean('inCluster') ?? false;
  const set = [
    token !== undefined && 'serviceAccountToken',
    tokenFile !== undefined && 'serviceAccountTokenFile',
    inCluster && 'inCluster',
  ].filter((s): s is string => !!s);
  if (set.length === 0) {
    throw new Error(
      `Invalid config at ${key}: target '${cluster}' has no write identity; set serviceAccountToken, serviceAccountTokenFile or inCluster: true (the apply action never uses the token of kubernetes.clusterLocatorMethods)`,
    );
  }
  if (set.length > 1) {
    throw new Error(
      `Invalid config at ${key}: set only one of serviceAccountToken, serviceAccountTokenFile and inCluster, got ${set.join(
        ', ',
      )}`,
    );
  }
  if (token !== undefined) {
    if (token.trim() === '') {
      throw new Error(
        `Invalid config at ${key}.serviceAccountToken: must not be empty`,
      );
    }
    return { auth: { type: 'serviceAccount', token }, source: set[0] };
  }
  return {
    auth: {
      type: 'serviceAccountTokenFile',
      tokenFile: tokenFile ?? IN_CLUSTER_TOKEN_PATH,
    },
    source: set[0],
  };
}

/**
 * Reads the write identities of the scaffolder's apply action from
 * `modelScaling.scaffolder.targets[]`: per cluster, the namespaces it may
 * write in and its own credentials (a token, a token file re-read for every
 * apply, or the in-cluster ServiceAccount token), with the API server URL and
 * CA of its own or of the read cluster of the same name.
 *
 * The Kubernetes plugin's proxy forwards the read token of
 * `kubernetes.clusterLocatorMethods` for any signed-in user, so a target
 * whose token is that read token is refused here, at startup.
 */
export function readWriteTargets(
  config: Config,
  options: ReadWriteTargetsOptions,
): WriteTarget[] {
  const readTokenFile = options.readTokenFile ?? defaultReadTokenFile;
  const entries = config.getOptionalConfigArray(WRITE_TARGETS_KEY) ?? [];
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const key = `${WRITE_TARGETS_KEY}[${index}]`;
    const cluster = requiredString(entry, 'cluster', key);
    if (seen.has(cluster)) {
      throw new Error(
        `Invalid config at ${key}.cluster: duplicate target cluster '${cluster}'; list all its namespaces in one entry`,
      );
    }
    seen.add(cluster);

    const namespaces = entry.getOptionalStringArray('namespaces') ?? [];
    if (namespaces.length === 0) {
      throw new Error(
        `Invalid config at ${key}.namespaces: list at least one namespace the apply action may write in`,
      );
    }
    namespaces.forEach((ns, i) => {
      if (!DNS_1123_LABEL.test(ns) || ns.length > 63) {
        throw new Error(
          `Invalid config at ${key}.namespaces[${i}]: '${ns}' is not a namespace name (a DNS-1123 label)`,
        );
      }
    });

    const readCluster = options.readClusters.find(c => c.name === cluster);
    const url = entry.getOptionalString('url');
    let connection: Omit<ClusterConfig, 'auth'>;
    if (url !== undefined) {
      const parsed = readApiServerUrl(url, key);
      connection = {
        name: cluster,
        url: url.replace(/\/+$/, ''),
        skipTLSVerify:
          parsed.protocol === 'http:' ||
          (entry.getOptionalBoolean('skipTLSVerify') ?? false),
        ...readCa(entry, key),
      };
    } else if (readCluster) {
      connection = {
        name: cluster,
        url: readCluster.url,
        skipTLSVerify:
          entry.getOptionalBoolean('skipTLSVerify') ??
          readCluster.skipTLSVerify,
        caData: readCluster.caData,
        caFile: readCluster.caFile,
        ...stripUndefined(readCa(entry, key)),
      };
    } else {
      throw new Error(
        `Invalid config at ${key}.url: target '${cluster}' is not a cluster of kubernetes.clusterLocatorMethods, so it needs its own url`,
      );
    }

    const { auth, source } = readAuth(entry, key, cluster);
    if (readCluster?.auth.type === 'serviceAccount') {
      let writeToken: string | undefined;
      if (auth.type === 'serviceAccount') {
        writeToken = auth.token;
      } else if (auth.type === 'serviceAccountTokenFile') {
        try {
          writeToken = readTokenFile(auth.tokenFile);
        } catch (error) {
          throw new Error(
            `Invalid config at ${key}.${source}: cannot read the token file ${
              auth.tokenFile
            }: ${(error as Error).message}`,
          );
        }
      }
      if (writeToken !== undefined && writeToken === readCluster.auth.token) {
        throw new Error(
          `Invalid config at ${key}.${source}: the write identity of '${cluster}' is the read token of kubernetes.clusterLocatorMethods, which the Kubernetes plugin's proxy forwards for any signed-in user; give the apply action a ServiceAccount of its own (docs/security.md)`,
        );
      }
    }
    return { cluster, namespaces, connection: { ...connection, auth } };
  });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
