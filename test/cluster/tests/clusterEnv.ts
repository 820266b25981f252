/*
 * Access to the local control plane that test/cluster/start.sh started: its env file, kubectl
 * as the admin (setup) or as the read-only ServiceAccount, and polling helpers.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** What start.sh writes to `cluster.env`. */
export interface ClusterEnv {
  URL: string;
  TOKEN: string;
  /** base64 PEM of the cluster CA */
  CA: string;
  CA_FILE: string;
  KUBECONFIG_ADMIN: string;
  KUBECONFIG_READER: string;
  KUBECTL: string;
  CLUSTER_NAME: string;
  KWOK_CLUSTER_DIR: string;
  KUBE_VERSION: string;
  FIXTURES_REJECTED: string;
  /** The local Prometheus (start-prometheus.sh). */
  PROMETHEUS_URL: string;
  /** The tests' exporter that Prometheus scrapes every second (prometheus/exporter.py). */
  EXPORTER_URL: string;
  /** The KEDA operator's and metrics API server's logs and pids (start-keda.sh). */
  KEDA_VERSION: string;
  KEDA_OPERATOR_LOG: string;
  KEDA_ADAPTER_LOG: string;
  KEDA_OPERATOR_PID: string;
  KEDA_ADAPTER_PID: string;
}

/** The repository root. */
export const repoRoot = resolve(__dirname, '../../..');

/** The state folder of start.sh (same defaults as test/cluster/lib.sh). */
export function clusterStateDir(): string {
  const cache =
    process.env.MODEL_SCALING_CLUSTER_CACHE ??
    join(homedir(), '.cache/model-scaling/cluster');
  const name = process.env.MODEL_SCALING_CLUSTER_NAME ?? 'model-scaling';
  return join(cache, 'state', name);
}

/** Reads the env file of the running cluster; throws with a hint when there is none. */
export function loadClusterEnv(): ClusterEnv {
  const file = join(clusterStateDir(), 'cluster.env');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(
      `No cluster env file at ${file}: run test/cluster/build.sh and test/cluster/start.sh first (or yarn test:cluster)`,
    );
  }
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2];
  }
  for (const key of ['URL', 'TOKEN', 'CA', 'KUBECONFIG_ADMIN', 'KUBECTL']) {
    if (!env[key]) throw new Error(`${file}: ${key} is missing`);
  }
  return env as unknown as ClusterEnv;
}

/** Result of one kubectl run. */
export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs kubectl with a kubeconfig; never throws on a non-zero exit. */
export async function kubectlRaw(
  env: ClusterEnv,
  args: string[],
  options: { as?: 'admin' | 'reader'; input?: string } = {},
): Promise<KubectlResult> {
  const kubeconfig =
    options.as === 'reader' ? env.KUBECONFIG_READER : env.KUBECONFIG_ADMIN;
  const child = execFileAsync(
    env.KUBECTL,
    ['--kubeconfig', kubeconfig, ...args],
    {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    },
  );
  if (options.input !== undefined) {
    child.child.stdin?.end(options.input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (e: any) {
    return {
      code: typeof e.code === 'number' ? e.code : 1,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? String(e),
    };
  }
}

/** Runs kubectl and throws with its stderr on failure. */
export async function kubectl(
  env: ClusterEnv,
  args: string[],
  options: { as?: 'admin' | 'reader'; input?: string } = {},
): Promise<string> {
  const r = await kubectlRaw(env, args, options);
  if (r.code !== 0) {
    throw new Error(
      `kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr.trim()}`,
    );
  }
  return r.stdout;
}

/** kubectl get ... -o json, parsed. */
export async function kubectlJson<T = any>(
  env: ClusterEnv,
  args: string[],
  options: { as?: 'admin' | 'reader' } = {},
): Promise<T> {
  return JSON.parse(await kubectl(env, [...args, '-o', 'json'], options)) as T;
}

/**
 * Polls `probe` until it returns a value other than undefined/false, or throws after
 * `timeoutMs` with the last observation in the message.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  options: {
    timeoutMs: number;
    intervalMs?: number;
    describe?: () => Promise<string>;
  },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value as T;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const state = options.describe
        ? await options.describe().catch(String)
        : '';
      throw new Error(
        `Timed out after ${Math.round(
          options.timeoutMs / 1000,
        )} s waiting for ${what}${
          lastError ? `; last error: ${lastError}` : ''
        }${state ? `; state: ${state}` : ''}`,
      );
    }
    await new Promise(r => setTimeout(r, options.intervalMs ?? 2000));
  }
}
