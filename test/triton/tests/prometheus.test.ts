import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net, { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCollector, NAMESPACE, target, WORKLOAD } from '../lib/collector';
import { PodProxyServer, startPodProxy } from '../lib/podProxy';
import { infer, tritonState } from '../lib/tritonEnv';

/*
 * The Prometheus path on a real server: Debian's Prometheus scrapes the test
 * Triton's metrics port, and relabelling adds the pod's labels (`namespace`,
 * `pod`) the way a kubernetes_sd job maps `__meta_kubernetes_namespace` and
 * `__meta_kubernetes_pod_name`. The collector reads the counters from
 * Prometheus, never from /metrics.
 */

const PROMETHEUS = process.env.PROMETHEUS_BIN ?? 'prometheus';
const POD = 'image-classifier-0';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise(r => server.close(r));
  return port;
}

async function query(url: string, q: string): Promise<any[]> {
  const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(q)}`);
  return (await res.json()).data?.result ?? [];
}

let prometheus: ChildProcess | undefined;
let promUrl = '';
let dir = '';
let log = '';
let proxy: PodProxyServer;

beforeAll(async () => {
  if (spawnSync(PROMETHEUS, ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new Error(
      `No '${PROMETHEUS}' binary: apt-get install prometheus (Debian), or set PROMETHEUS_BIN`,
    );
  }
  const { metricsPort, httpPort } = tritonState();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triton-prometheus-'));
  fs.writeFileSync(
    path.join(dir, 'prometheus.yml'),
    `
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: triton
    static_configs:
      - targets: ['127.0.0.1:${metricsPort}']
    relabel_configs:
      - target_label: namespace
        replacement: ${NAMESPACE}
      - target_label: pod
        replacement: ${POD}
`,
  );
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  prometheus.stderr?.on('data', d => {
    log = (log + d).slice(-4000);
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await query(
      promUrl,
      `nv_inference_count{pod="${POD}",model="resnet50"}`,
    ).catch(() => []);
    if (r.length > 0) break;
    if (Date.now() > deadline)
      throw new Error(`Prometheus has no Triton series after 60 s:\n${log}`);
    await sleep(500);
  }
  // The pod's ports are not reachable through the proxy: whatever figures the collector has come from Prometheus.
  proxy = await startPodProxy({ [POD]: { ports: {} } });
  expect(httpPort).toBeGreaterThan(0);
});

afterAll(async () => {
  prometheus?.kill();
  await proxy?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the Triton collector through a real Prometheus', () => {
  it('reads the counters Prometheus scraped from the real server, labelled with the pod', async () => {
    const series = await query(
      promUrl,
      `nv_inference_request_success{pod="${POD}"}`,
    );
    expect(series.map(s => s.metric.model).sort()).toEqual(
      [...tritonState().models].sort(),
    );
    expect(series[0].metric).toMatchObject({
      namespace: NAMESPACE,
      pod: POD,
      job: 'triton',
    });

    const c = createCollector({
      apiUrl: proxy.url,
      targets: () => [target(POD, ['resnet50'])],
      prometheusUrl: promUrl,
    });
    await c.collectOnce();
    const sent = 20;
    await Promise.all(Array.from({ length: sent }, () => infer('resnet50')));
    await sleep(2500); // at least one scrape after the load
    await c.collectOnce();
    const [r] = c.resultsFor(WORKLOAD);
    // Only the stats and config requests (through the pod proxy) fail; the counters do not.
    expect(r.error).toMatch(/^resnet50 stats: .*503/);
    expect(r.error).not.toMatch(/metrics:/);
    const f = r.figures.find(x => x.model === 'resnet50')!;
    expect(f.source).toBe('prometheus');
    expect(Math.round(f.requestsPerSecond * f.intervalSeconds)).toBe(sent);
    expect(f.averageBatchSize).toBeGreaterThan(1);
    expect(f.pendingRequests).toBe(0);
    expect(Object.keys(proxy.counts).some(p => p.includes(':8002/'))).toBe(
      false,
    );
    await c.stop();
  });
});
