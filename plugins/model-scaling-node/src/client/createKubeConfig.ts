import { KubeConfig } from '@kubernetes/client-node';
import fs from 'node:fs';
import { ClusterConfig } from '../cluster/types';

/** Options of {@link createKubeConfig}, passed in so tests need no files. */
export interface CreateKubeConfigOptions {
  /** Reads a token file; defaults to `fs.readFileSync(path, 'utf8').trim()`. */
  readTokenFile?: (path: string) => string;
}

/** The bearer token of a connection now; token files are read on every call, so rotated tokens are picked up. */
export function resolveBearerToken(
  cluster: ClusterConfig,
  options: CreateKubeConfigOptions = {},
): string | undefined {
  switch (cluster.auth.type) {
    case 'serviceAccount':
      return cluster.auth.token;
    case 'serviceAccountTokenFile': {
      const read =
        options.readTokenFile ??
        ((path: string) => fs.readFileSync(path, 'utf8').trim());
      try {
        return read(cluster.auth.tokenFile);
      } catch (error) {
        throw new Error(
          `Cannot read the token file ${cluster.auth.tokenFile} of cluster ${
            cluster.name
          }: ${(error as Error).message}`,
        );
      }
    }
    default:
      return undefined;
  }
}

/**
 * A `@kubernetes/client-node` KubeConfig with exactly one cluster, user and
 * context for the connection: its URL, CA (`caData`/`caFile`), TLS setting
 * and bearer token.
 */
export function createKubeConfig(
  cluster: ClusterConfig,
  options: CreateKubeConfigOptions = {},
): KubeConfig {
  const kc = new KubeConfig();
  const user = `${cluster.name}-user`;
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        skipTLSVerify: cluster.skipTLSVerify,
        caData: cluster.caData,
        caFile: cluster.caFile,
      },
    ],
    users: [{ name: user, token: resolveBearerToken(cluster, options) }],
    contexts: [{ name: cluster.name, cluster: cluster.name, user }],
    currentContext: cluster.name,
  });
  return kc;
}
