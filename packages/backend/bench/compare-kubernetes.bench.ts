/*
 * Benchmark (not a test): the model-scaling backend plugin against
 * @backstage/plugin-kubernetes-backend, side by side, for one entity view.
 *
 *   yarn bench
 *   BENCH_N=100,1000 BENCH_C=1,3 BENCH_PODS=5 BENCH_VIEWS=200 yarn bench
 *
 * For each fleet size N (model services, BENCH_PODS pods each) and cluster
 * count C (C cluster entries that all point at one demo cluster, as several
 * config entries may point at one API server), in one process:
 *   1. start the demo cluster with N synthetic services;
 *   2. start a backend with only the Kubernetes plugin, measure
 *      `POST /api/kubernetes/services/:id` (the call its entity tab makes) for
 *      random services: latency p50/p99, Kubernetes API requests per view
 *      (counted at the demo cluster), heap held after the views;
 *   3. start a backend with only the model-scaling plugin, wait for its watch
 *      cache, measure `GET /api/model-scaling/v1/entities/…/status` the same way.
 * Prints a markdown table with the figures and ratios and writes it to
 * bench-results/compare-kubernetes.md.
 *
 *   BENCH_TARGET=kwok BENCH_N=1000 BENCH_C=1 yarn bench
 *
 * does the same against a real kube-apiserver with KWOK nodes
 * (test/cluster/bench-cluster.sh), filled with N Deployments + HPAs; API
 * requests counted at a proxy (kwok/), written to compare-kubernetes-kwok.md.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startDemoCluster, DemoCluster } from '@internal/demo-cluster';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kwokTarget, Target } from './kwok/kwokTarget';

const KWOK = process.env.BENCH_TARGET === 'kwok';
const sizes = (process.env.BENCH_N ?? (KWOK ? '1000' : '100,1000,5000'))
  .split(',')
  .map(Number);
const clusterCounts = (process.env.BENCH_C ?? (KWOK ? '1' : '1,3'))
  .split(',')
  .map(Number);
const PODS = Number(process.env.BENCH_PODS ?? 5);
const VIEWS = Number(process.env.BENCH_VIEWS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const repoRoot = path.resolve(__dirname, '../../..');

async function demoTarget(n: number): Promise<Target> {
  const demo: DemoCluster = await startDemoCluster({
    port: 0,
    loadExamples: false,
    synthetic: { services: n, podsPerService: PODS },
  });
  return demo;
}

const gc = (globalThis as { gc?: () => void }).gc;
function heapMiB(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Catalog entities for the demo cluster's synthetic services (`model-0000` …). */
function syntheticEntities(count: number): Entity[] {
  const width = String(count).length;
  return Array.from({ length: count }, (_, i) => {
    const name = `model-${String(i).padStart(width, '0')}`;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        annotations: {
          'backstage.io/kubernetes-id': name,
          'backstage.io/kubernetes-namespace': 'synthetic',
        },
      },
      spec: {
        type: 'model-service',
        lifecycle: 'production',
        owner: 'team-synthetic',
      },
    };
  });
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, i)];
}

interface Measured {
  p50: number;
  p99: number;
  apiRequestsPerView: number;
  heapMiB: number;
  errors: number;
}

async function measureViews(
  demo: Target,
  view: (entity: Entity) => Promise<Response>,
  entities: Entity[],
): Promise<Omit<Measured, 'heapMiB'>> {
  // warm-up: JIT and connection pools, not counted
  for (let i = 0; i < 10; i++) await view(entities[i % entities.length]);
  demo.resetCounts();
  const ms: number[] = [];
  let errors = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < VIEWS) {
        const i = next++;
        const entity = entities[(i * 7919) % entities.length];
        const t = process.hrtime.bigint();
        const res = await view(entity);
        await res.arrayBuffer();
        ms.push(Number(process.hrtime.bigint() - t) / 1e6);
        if (!res.ok) errors++;
      }
    }),
  );
  ms.sort((a, b) => a - b);
  return {
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    apiRequestsPerView: demo.totalRequests() / VIEWS,
    errors,
  };
}

function clusterConfig(demo: Target, count: number) {
  return {
    serviceLocatorMethod: { type: 'multiTenant' },
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: Array.from({ length: count }, (_, i) => ({
          name: `demo-${i + 1}`,
          url: demo.url,
          authProvider: 'serviceAccount',
          serviceAccountToken: demo.token,
          ...(demo.url.startsWith('https:') ? { skipTLSVerify: true } : {}),
        })),
      },
    ],
  };
}

async function runKubernetesPlugin(
  demo: Target,
  entities: Entity[],
  clusters: number,
): Promise<Measured> {
  const before = heapMiB();
  const backend = await startTestBackend({
    features: [
      import('@backstage/plugin-kubernetes-backend'),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: { kubernetes: clusterConfig(demo, clusters) },
      }),
      mockServices.rootLogger.factory({ level: 'error' }),
    ],
  });
  const base = `http://127.0.0.1:${backend.server.port()}`;
  const header = mockCredentials.user.header();
  const result = await measureViews(
    demo,
    entity =>
      fetch(`${base}/api/kubernetes/services/${entity.metadata.name}`, {
        method: 'POST',
        headers: { authorization: header, 'content-type': 'application/json' },
        body: JSON.stringify({ entity }),
      }),
    entities,
  );
  const heap = heapMiB() - before;
  await backend.stop();
  return { ...result, heapMiB: heap };
}

async function runModelScalingPlugin(
  demo: Target,
  entities: Entity[],
  clusters: number,
): Promise<Measured & { syncSeconds: number }> {
  const before = heapMiB();
  const backend = await startTestBackend({
    features: [
      import('@internal/plugin-model-scaling-backend'),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: clusterConfig(demo, clusters),
          modelScaling: { triton: { enabled: false } },
        },
      }),
      mockServices.rootLogger.factory({ level: 'error' }),
    ],
  });
  const base = `http://127.0.0.1:${backend.server.port()}/api/model-scaling`;
  const header = mockCredentials.user.header();
  const t0 = Date.now();
  for (;;) {
    const res = await fetch(`${base}/v1/clusters`, {
      headers: { authorization: header },
    });
    const body = (await res.json()) as { clusters: { synced: boolean }[] };
    if (res.ok && body.clusters.length && body.clusters.every(c => c.synced))
      break;
    if (Date.now() - t0 > 300_000) throw new Error('watch cache did not sync');
    await new Promise(r => setTimeout(r, 100));
  }
  const syncSeconds = (Date.now() - t0) / 1000;
  const result = await measureViews(
    demo,
    entity =>
      fetch(
        `${base}/v1/entities/default/component/${entity.metadata.name}/status`,
        { headers: { authorization: header } },
      ),
    entities,
  );
  const heap = heapMiB() - before;
  await backend.stop();
  return { ...result, heapMiB: heap, syncSeconds };
}

const f = (n: number, d = 1) => n.toFixed(d);
function ratio(a: number, b: number): string {
  if (b !== 0) return `${f(a / b, 1)}×`;
  return a === 0 ? '–' : '∞';
}

async function main() {
  if (!gc) console.warn('Run with --expose-gc for exact heap figures.');
  const lines = [
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${f(
      os.totalmem() / 2 ** 30,
      0,
    )} GiB, Node ${process.version}; ${new Date().toISOString()}`,
    `Views: ${VIEWS} per cell, concurrency ${CONCURRENCY}; ${PODS} pods per service; Triton collection off (it is the same for both).`,
    KWOK
      ? 'Target: a real kube-apiserver with KWOK nodes (test/cluster/bench-cluster.sh); API requests counted at a counting HTTP proxy in the bench process in front of the API server.'
      : 'Target: the in-process demo cluster; API requests counted at the demo cluster.',
    '',
    '| N services | C clusters | pods | k8s plugin p50 / p99 ms | model-scaling p50 / p99 ms | latency ratio (p50) | k8s API req/view: k8s plugin | model-scaling | k8s plugin heap MiB | model-scaling heap MiB (cache) | cache sync s |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  console.log(lines.join('\n'));
  for (const n of sizes) {
    const demo = KWOK
      ? await kwokTarget(n, PODS, repoRoot)
      : await demoTarget(n);
    const entities = syntheticEntities(n);
    for (const c of clusterCounts) {
      const k8s = await runKubernetesPlugin(demo, entities, c);
      const ours = await runModelScalingPlugin(demo, entities, c);
      const row = `| ${n} | ${c} | ${n * PODS} | ${f(k8s.p50)} / ${f(k8s.p99)}${
        k8s.errors ? ` (${k8s.errors} errors)` : ''
      } | ${f(ours.p50)} / ${f(ours.p99)}${
        ours.errors ? ` (${ours.errors} errors)` : ''
      } | ${ratio(k8s.p50, ours.p50)} | ${f(k8s.apiRequestsPerView)} | ${f(
        ours.apiRequestsPerView,
      )} | ${f(k8s.heapMiB)} | ${f(ours.heapMiB)} | ${f(ours.syncSeconds)} |`;
      lines.push(row);
      console.log(row);
    }
    await demo.stop();
  }
  const out = path.join(repoRoot, 'bench-results');
  const file = path.join(
    out,
    KWOK ? 'compare-kubernetes-kwok.md' : 'compare-kubernetes.md',
  );
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  console.log(`\nwritten to ${file}`);
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
