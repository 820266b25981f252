import { KubeConfig } from '@kubernetes/client-node';
import type { DemoCluster } from '../startDemoCluster';

/** A client-node KubeConfig for a demo cluster (what the backend builds from its config). */
export function kubeConfigFor(
  cluster: Pick<DemoCluster, 'url' | 'token'>,
  token = cluster.token,
): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'demo', server: cluster.url, skipTLSVerify: true }],
    users: [{ name: 'demo-user', token }],
    contexts: [{ name: 'demo', cluster: 'demo', user: 'demo-user' }],
    currentContext: 'demo',
  });
  return kc;
}

/** Resolves when `check` returns true, polling; rejects after `timeoutMs`. */
export async function waitFor(
  check: () => boolean,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 20));
  }
}
