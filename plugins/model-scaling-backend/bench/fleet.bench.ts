// long-file: one benchmark run measures the fleet route's page and the old full list side by side.
/*
 * Benchmark (not a test): the fleet route at fleet scale, side by side with
 * the old full download, in one run.
 *
 *   yarn bench:fleet                                   # 5,000 services × 5 pods
 *   BENCH_SERVICES=1000 yarn bench:fleet
 *
 * Starts the demo cluster in a child process with N synthetic services, the
 * backend's services against it (watch cache, entity index, fleet index,
 * Triton collection rounds every 15 s in the background) and the v1 router on
 * a local port; waits until the fleet index holds every row; then measures
 * `GET /v1/fleet` (one page of 50 rows: default order, a filtered and
 * re-sorted page, the last page) one at a time and 8 at a time, and the old
 * `GET /v1/services`, over HTTP. Writes bench-results/fleet-<N>.txt.
 */
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import { syntheticModelServices } from '../src/__testUtils__/exampleEntities';
import { createRouter } from '../src/router';
import { CachedEntityAuthorizer } from '../src/services/Authorization/EntityAuthorizer';
import { createModelScalingServices } from '../src/services/createModelScalingServices';
import {
  benchCollectionMode,
  createPrinter,
  demoClusterSettings,
  inMemoryCollectorStore,
  loadAverage,
  Measurement,
  percentile,
  servePrometheusTargets,
  startDemoChild,
  startHttpLoadChild,
  startSyntheticPrometheus,
  withLoopDelay,
  writeBenchResults,
} from './benchHarness';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 5000);
const PODS = Number(process.env.BENCH_PODS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const OLD_REQUESTS = Number(process.env.BENCH_OLD_REQUESTS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const COLLECTION = benchCollectionMode(SERVICES);
const { lines: out, print } = createPrinter();

function row(name: string, r: Measurement): string {
  const f = (n: number) => n.toFixed(2).padStart(9);
  return `  ${name.padEnd(46)} n=${String(r.ms.length).padStart(4)}  p50 ${f(
    percentile(r.ms, 50),
  )} ms  p99 ${f(percentile(r.ms, 99))} ms  ${(r.ms.length / r.seconds)
    .toFixed(0)
    .padStart(5)} req/s  body ${(r.bytes / r.ms.length / 1024).toFixed(1)} KiB`;
}

async function main() {
  print(`Fleet route: ${SERVICES} synthetic services × ${PODS} pods`);
  print(
    `  the backend collects Triton figures in ${COLLECTION} mode; ${CONCURRENCY} HTTP clients in a process of their own`,
  );
  print(
    `  load average at the start: ${loadAverage()} on ${
      os.cpus().length
    } cores`,
  );
  const demo = await startDemoChild('./demoCluster.child.ts', {
    services: SERVICES,
    pods: PODS,
  });

  const entities = syntheticModelServices(SERVICES);
  const catalog = catalogServiceMock({ entities });
  const logger = mockServices.rootLogger({ level: 'warn' });
  const prom = await startSyntheticPrometheus(demo.child);
  const settings = demoClusterSettings(demo, logger, {
    triton: {
      concurrency: 16,
      ...(COLLECTION === 'prometheus' && { prometheus: { url: prom.url } }),
    },
  });
  const { measure, close: closeHttp } = await startHttpLoadChild();
  const store = await inMemoryCollectorStore(logger);
  const services = createModelScalingServices({
    settings,
    logger,
    auth: mockServices.auth(),
    catalog,
    store,
    instance: 'bench',
  });
  const t1 = Date.now();
  services.start();
  while (!services.cache.health().every(h => h.synced)) {
    await new Promise(r => setTimeout(r, 50));
  }
  await services.entities.refresh();
  await servePrometheusTargets(demo.child, {
    catalog,
    cache: services.cache,
    settings,
    logger,
  });
  print(
    `  cache synced and ${services.entities.size} entities indexed in ${(
      (Date.now() - t1) /
      1000
    ).toFixed(1)} s`,
  );

  // The fleet index fills in the background; wait for every row.
  const tIndex = Date.now();
  const recomputedBefore = services.fleet.recomputed;
  while (services.fleet.size < SERVICES || services.fleet.pending > 0) {
    await new Promise(r => setTimeout(r, 50));
  }
  const buildSeconds = (Date.now() - tIndex) / 1000;
  const built = services.fleet.recomputed - recomputedBefore;
  print(
    `  fleet index: ${
      services.fleet.size
    } rows; after sync ${built} rows computed in ${buildSeconds.toFixed(
      2,
    )} s (in 3 ms slices, the event loop free between them)`,
  );

  // Triton collection as the scheduler runs it: one round now, then every 15 s.
  await services.collection.run();
  const rounds = setInterval(
    () => services.collection.run().catch(() => undefined),
    15_000,
  );

  const permissions = {
    authorize: async (reqs: any[]) =>
      reqs.map(() => ({ result: AuthorizeResult.ALLOW as const })),
    authorizeConditional: async (reqs: any[]) =>
      reqs.map(() => ({ result: AuthorizeResult.ALLOW as const })),
  };
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions,
    catalog,
    status: services.status,
    entities: services.entities,
    fleet: services.fleet,
    authorizer: new CachedEntityAuthorizer({ permissions }),
    logger,
  });
  const app = express()
    .use('/api/model-scaling', router)
    .use(mockErrorHandler());
  const server = app.listen(0, '127.0.0.1');
  server.keepAliveTimeout = 120_000;
  await new Promise(r => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;

  const base = '/api/model-scaling/v1';
  const firstPage = () => `${base}/fleet?limit=50`;
  const filtered = (i: number) =>
    `${base}/fleet?limit=50&sort=${
      ['gpus', 'replicas', 'name', 'findings'][i % 4]
    }&order=desc&verdict=at-risk,failing,healthy&q=model-1`;
  const lastPage = () =>
    `${base}/fleet?limit=50&offset=${Math.max(0, SERVICES - 50)}&sort=name`;

  await measure(100, port, firstPage, 4); // warm-up (JIT)
  const recomputedDuring = services.fleet.recomputed;
  const { value: measured, delay } = await withLoopDelay(async () => ({
    page1: await measure(REQUESTS, port, firstPage, 1),
    page8: await measure(REQUESTS, port, firstPage, CONCURRENCY),
    filtered1: await measure(REQUESTS, port, filtered, 1),
    last1: await measure(REQUESTS, port, lastPage, 1),
  }));
  const { page1, page8, filtered1, last1 } = measured;
  const old = await measure(OLD_REQUESTS, port, () => `${base}/services`, 1);
  const recomputedWhile = services.fleet.recomputed - recomputedDuring;

  print();
  print(
    'Over HTTP (keep-alive; the backend process also runs the watch cache, the fleet index and Triton rounds every 15 s):',
  );
  print(row('GET /v1/fleet?limit=50 (worst first)', page1));
  print(row(`GET /v1/fleet?limit=50, ${CONCURRENCY} at a time`, page8));
  print(row('GET /v1/fleet filtered + re-sorted, 50 rows', filtered1));
  print(row('GET /v1/fleet last page (offset N-50, by name)', last1));
  print(row('GET /v1/services (old: every row, rebuilt)', old));
  print();
  print(
    `  p99 of one page of 50 rows: ${percentile(page1.ms, 99).toFixed(
      2,
    )} ms (target ≤ 50 ms); ` +
      `old route p50 ${percentile(old.ms, 50).toFixed(0)} ms → ${(
        percentile(old.ms, 50) / percentile(page1.ms, 50)
      ).toFixed(0)}× slower, body ${(
        old.bytes /
        old.ms.length /
        1024 /
        1024
      ).toFixed(1)} MiB vs ${(page1.bytes / page1.ms.length / 1024).toFixed(
        1,
      )} KiB`,
  );
  print(
    `  event-loop delay while measuring /v1/fleet: p50 ${(
      delay.percentile(50) / 1e6
    ).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(
      delay.max / 1e6
    ).toFixed(1)} ms`,
  );
  print(
    `  rows recomputed by the index while measuring (Triton rounds, the 5-minute sweep): ${recomputedWhile}; never per request`,
  );

  const written = writeBenchResults(
    `fleet-${SERVICES}.txt`,
    `BENCH_SERVICES=${SERVICES} BENCH_PODS=${PODS} yarn bench:fleet`,
    out,
  );
  print(`\nWritten to ${written}`);

  server.close();
  closeHttp();
  clearInterval(rounds);
  await services.stop();
  demo.child.send({ type: 'stop' });
}

main()
  .then(() => process.exit(0))
  .catch(error => {
    console.error(error);
    process.exit(1);
  });
