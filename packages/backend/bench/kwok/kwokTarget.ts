/*
 * BENCH_TARGET=kwok: the real control plane of test/cluster/bench-cluster.sh (started here
 * unless BENCH_KUBECONFIG names a running one; stopped at the end unless BENCH_KEEP_CLUSTER is
 * set), filled with the synthetic services, behind a counting proxy.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startCountingProxy } from './countingProxy';
import { populateCluster } from './populateCluster';

/** The API server under test and where its requests are counted. */
export interface Target {
  url: string;
  token: string;
  resetCounts(): void;
  totalRequests(): number;
  stop(): Promise<void>;
}

/** BENCH_TARGET=kwok: the bench cluster, filled with n services, behind a counting proxy. */
export async function kwokTarget(
  n: number,
  podsPerService: number,
  repoRoot: string,
): Promise<Target> {
  let kubeconfig = process.env.BENCH_KUBECONFIG;
  const script = path.join(repoRoot, 'test/cluster/bench-cluster.sh');
  if (!kubeconfig) {
    kubeconfig = execFileSync(script, ['start'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
      .toString()
      .trim();
  }
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  await populateCluster(kc, { services: n, podsPerService }, m =>
    console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`),
  );
  const cluster = kc.getCurrentCluster()!;
  const user = kc.getCurrentUser()!;
  const read = (data?: string, file?: string) =>
    data
      ? Buffer.from(data, 'base64').toString()
      : fs.readFileSync(file!, 'utf8');
  const proxy = await startCountingProxy({
    url: cluster.server,
    ca: read(cluster.caData, cluster.caFile),
    cert: read(user.certData, user.certFile),
    key: read(user.keyData, user.keyFile),
  });
  return {
    ...proxy,
    token: 'unused-the-proxy-authenticates',
    stop: async () => {
      await proxy.stop();
      if (!process.env.BENCH_KUBECONFIG && !process.env.BENCH_KEEP_CLUSTER)
        execFileSync(script, ['stop'], { stdio: 'inherit' });
    },
  };
}
