import { mockCredentials, TestBackend } from '@backstage/backend-test-utils';
import { DemoCluster, startDemoCluster } from '@internal/demo-cluster';
import { EntityScalingStatus } from '@internal/plugin-model-scaling-common';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net, { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { exampleModelServices } from './__testUtils__/exampleEntities';
import {
  eventually,
  startScalingBackend,
} from './__testUtils__/startScalingBackend';

/*
 * The Prometheus query path against a real Prometheus (Debian's package):
 * Prometheus scrapes Triton's /metrics of the demo cluster's pods through the
 * API server's pod proxy; the backend reads the counters from Prometheus
 * instead of scraping /metrics itself.
 */

const PROMETHEUS = process.env.PROMETHEUS_BIN ?? 'prometheus';
const hasPrometheus =
  spawnSync(PROMETHEUS, ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasPrometheus) {
  // eslint-disable-next-line no-console
  console.warn(
    `Skipping the Prometheus tests: no '${PROMETHEUS}' binary (apt-get install prometheus, or set PROMETHEUS_BIN)`,
  );
}
const describeWithPrometheus = hasPrometheus ? describe : describe.skip;

jest.setTimeout(180_000);

const USER = mockCredentials.user.header('user:default/guest');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise(r => server.close(r));
  return port;
}

/** A pass-through proxy to the demo cluster that counts Prometheus' own requests. */
async function countingProxy(target: string) {
  const counts: Record<string, number> = {};
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    counts[p] = (counts[p] ?? 0) + 1;
    const out = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      r => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

describeWithPrometheus('Triton figures from a real Prometheus', () => {
  let demo: DemoCluster;
  let proxy: Awaited<ReturnType<typeof countingProxy>>;
  let prometheus: ChildProcess;
  let promUrl: string;
  let dir: string;
  let backend: TestBackend;
  let prometheusLog = '';
  let refresher: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    demo = await startDemoCluster({ port: 0 });
    proxy = await countingProxy(demo.url);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'model-scaling-prometheus-'));
    const proxyHost = new URL(proxy.url).host;
    // Debian's Prometheus is built without kubernetes_sd: the test writes the
    // Ready Triton pods to a file_sd file, refreshed every second.
    const targetsFile = path.join(dir, 'targets.json');
    const writeTargets = async () => {
      const targets = [];
      for (const ns of ['ml-serving', 'ml-batch']) {
        const res = await fetch(`${demo.url}/api/v1/namespaces/${ns}/pods`, {
          headers: { authorization: `Bearer ${demo.token}` },
        });
        const list = await res.json();
        for (const pod of list.items ?? []) {
          const ready = (pod.status?.conditions ?? []).some(
            (c: any) => c.type === 'Ready' && c.status === 'True',
          );
          const triton = (pod.spec?.containers ?? []).some((c: any) =>
            (c.ports ?? []).some((p: any) => p.containerPort === 8002),
          );
          if (!ready || !triton) continue;
          targets.push({
            targets: [proxyHost],
            labels: {
              __metrics_path__: `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}:8002/proxy/metrics`,
              namespace: ns,
              pod: pod.metadata.name,
            },
          });
        }
      }
      fs.writeFileSync(`${targetsFile}.tmp`, JSON.stringify(targets));
      fs.renameSync(`${targetsFile}.tmp`, targetsFile);
    };
    await writeTargets();
    refresher = setInterval(() => void writeTargets().catch(() => {}), 1000);
    fs.writeFileSync(
      path.join(dir, 'prometheus.yml'),
      `
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: triton
    authorization: { credentials: ${demo.token} }
    file_sd_configs:
      - files: [${targetsFile}]
        refresh_interval: 1s
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
      prometheusLog = (prometheusLog + d).slice(-4000);
    });
    // Prometheus is up and has Triton series of the image classifier.
    await eventually(
      async () => {
        const res = await fetch(
          `${promUrl}/api/v1/query?query=${encodeURIComponent(
            'count(nv_inference_count{namespace="ml-serving"})',
          )}`,
        );
        const body = await res.json();
        return body.data?.result?.length > 0;
      },
      60_000,
      'Prometheus scraping Triton',
    ).catch(e => {
      throw new Error(`${e.message}\nPrometheus log:\n${prometheusLog}`);
    });

    backend = await startScalingBackend({
      clusters: [{ name: 'demo', url: demo.url, token: demo.token }],
      entities: exampleModelServices(),
      modelScaling: {
        triton: {
          intervalSeconds: 2,
          timeoutMs: 2000,
          prometheus: { url: promUrl },
        },
      },
    });
  });

  afterAll(async () => {
    if (refresher) clearInterval(refresher);
    await backend?.stop();
    prometheus?.kill();
    proxy?.close();
    await demo?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows Triton figures while the backend never scrapes /metrics itself', async () => {
    let lastTriton = '';
    const status = await eventually(
      async () => {
        const res = await request(backend.server)
          .get(
            '/api/model-scaling/v1/entities/default/component/image-classifier/status',
          )
          .set('Authorization', USER);
        const s: EntityScalingStatus = res.body;
        lastTriton = (JSON.stringify(s.workloads?.[0]?.triton) ?? '').slice(
          0,
          1500,
        );
        const m = s.workloads?.[0]?.triton?.models?.[0];
        return (
          m && m.requestsPerSecond > 0 && m.pendingRequests !== undefined && s
        );
      },
      60_000,
      'Triton figures with Prometheus data',
    ).catch(e => {
      throw new Error(`${e.message}; last Triton view: ${lastTriton}`);
    });
    const w = status.workloads[0];
    expect(w.triton!.errors).toEqual([]);
    const m = w.triton!.models.find(x => x.model === 'resnet50')!;
    expect(m.averageBatchSize).toBeGreaterThanOrEqual(1);
    expect(m.config?.maxBatchSize).toBe(32);

    // Every /metrics request the demo cluster saw came from Prometheus (through the counting proxy).
    // The proxy counts a scrape when it starts forwarding it, so a scrape in flight while this
    // reads may be counted there and not yet at the demo cluster; a scrape by the backend itself
    // would make the demo cluster's count exceed the proxy's.
    const metricsPaths = Object.keys(demo.requestCounts).filter(p =>
      p.endsWith(':8002/proxy/metrics'),
    );
    expect(metricsPaths.length).toBeGreaterThan(0);
    for (const p of metricsPaths) {
      expect(demo.requestCounts[p]).toBeLessThanOrEqual(proxy.counts[p]);
    }
  });
});
