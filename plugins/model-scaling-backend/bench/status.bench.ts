/*
 * Benchmark (not a test): status latency and watch-cache memory of the
 * model-scaling backend with a large fleet in the demo cluster.
 *
 *   yarn bench:backend                       # 1,000 services × 5 pods
 *   BENCH_SERVICES=200 BENCH_PODS=5 BENCH_REQUESTS=2000 yarn bench:backend
 *
 * It starts the demo cluster in-process with N synthetic services, the
 * backend's services (watch cache + Triton collection) against it, and the
 * v1 router on a local port; waits until the cache is synced; then measures
 * `GET /v1/entities/.../status` for random services over HTTP, the fleet
 * route, and the heap the cache holds. It also checks that the measured
 * requests made no Kubernetes API calls.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startDemoCluster } from '@internal/demo-cluster';
import express from 'express';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { readBackendSettings } from '../src/config/readBackendSettings';
import { createRouter } from '../src/router';
import { createModelScalingServices } from '../src/services/createModelScalingServices';
import { syntheticModelServices } from '../src/__testUtils__/exampleEntities';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 1000);
const PODS = Number(process.env.BENCH_PODS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const FLEET_REQUESTS = Number(process.env.BENCH_FLEET_REQUESTS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const gc = (globalThis as { gc?: () => void }).gc;

function heapMiB(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, i)];
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function get(
  port: number,
  path: string,
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path,
        headers: { authorization: 'Bearer bench', connection: 'keep-alive' },
        agent,
      },
      res => {
        let bytes = 0;
        res.on('data', d => (bytes += d.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      },
    );
    req.on('error', reject);
  });
}

async function measure(
  count: number,
  port: number,
  path: (i: number) => string,
): Promise<{ ms: number[]; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        const t = process.hrtime.bigint();
        const res = await get(port, path(i));
        ms.push(Number(process.hrtime.bigint() - t) / 1e6);
        bytes += res.bytes;
        if (res.status !== 200)
          throw new Error(`GET ${path(i)}: HTTP ${res.status}`);
      }
    }),
  );
  return { ms: ms.sort((a, b) => a - b), bytes };
}

async function main() {
  if (!gc) {
    console.warn('Run with --expose-gc for exact heap figures.');
  }
  console.log(`Demo cluster: ${SERVICES} synthetic services × ${PODS} pods`);
  const t0 = Date.now();
  const demo = await startDemoCluster({
    port: 0,
    loadExamples: false,
    synthetic: { services: SERVICES, podsPerService: PODS },
  });
  console.log(
    `  started in ${((Date.now() - t0) / 1000).toFixed(1)} s at ${demo.url}`,
  );

  const entities = syntheticModelServices(SERVICES);
  const catalog = catalogServiceMock({ entities });
  const logger = mockServices.rootLogger({ level: 'warn' });
  const settings = readBackendSettings(
    new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'demo',
                url: demo.url,
                authProvider: 'serviceAccount',
                serviceAccountToken: demo.token,
                skipTLSVerify: true,
              },
            ],
          },
        ],
      },
      modelScaling: { triton: { intervalSeconds: 15, concurrency: 16 } },
    }),
    logger,
  );

  const heapBefore = heapMiB();
  const services = createModelScalingServices({
    settings,
    logger,
    auth: mockServices.auth(),
    catalog,
  });
  const t1 = Date.now();
  services.start();
  while (!services.cache.health().every(h => h.synced)) {
    await new Promise(r => setTimeout(r, 50));
  }
  const syncSeconds = (Date.now() - t1) / 1000;
  // Let one Triton round finish so its samples are part of the memory figure.
  await new Promise(r => setTimeout(r, 3000));
  const records = services.cache.size;
  const heapAfter = heapMiB();

  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions: {
      authorize: async reqs =>
        reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
      authorizeConditional: async reqs =>
        reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
    },
    catalog,
    status: services.status,
    logger,
  });
  const app = express().use('/api/model-scaling', router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise(r => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;

  const statusPath = (i: number) =>
    `/api/model-scaling/v1/entities/default/component/${
      entities[(i * 7919) % entities.length].metadata.name
    }/status`;
  await measure(200, port, statusPath); // warm-up (JIT)

  demo.resetCounts();
  const status = await measure(REQUESTS, port, statusPath);
  const fleet = await measure(
    FLEET_REQUESTS,
    port,
    () => '/api/model-scaling/v1/services',
  );
  const kubeCalls =
    demo.totalRequests() -
    demo.totalRequests('/api/v1/namespaces/synthetic/pods/');

  const row = (name: string, r: { ms: number[]; bytes: number }) =>
    `  ${name.padEnd(28)} n=${String(r.ms.length).padStart(
      5,
    )}  p50 ${percentile(r.ms, 50).toFixed(2).padStart(7)} ms  p99 ${percentile(
      r.ms,
      99,
    )
      .toFixed(2)
      .padStart(7)} ms  max ${r.ms[r.ms.length - 1]
      .toFixed(2)
      .padStart(7)} ms  avg body ${(r.bytes / r.ms.length / 1024).toFixed(
      1,
    )} KiB`;

  console.log('\nWatch cache');
  console.log(`  initial list+watch of all kinds: ${syncSeconds.toFixed(2)} s`);
  console.log(`  slim records: ${records}`);
  console.log(
    `  heap held by cache + Triton samples: ${(heapAfter - heapBefore).toFixed(
      1,
    )} MiB` +
      ` (${(
        ((heapAfter - heapBefore) * 1024 * 1024) /
        Math.max(1, records)
      ).toFixed(0)} bytes per record)`,
  );
  console.log(`  Triton pods sampled: ${services.triton?.podCount ?? 0}`);
  console.log(`\nLatency over HTTP (concurrency ${CONCURRENCY})`);
  console.log(row('GET …/status', status));
  console.log(row('GET /v1/services (fleet)', fleet));
  console.log(
    `\nKubernetes API requests during the measured requests (pod proxy excluded): ${kubeCalls}`,
  );

  server.close();
  agent.destroy();
  await services.stop();
  await demo.stop();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
