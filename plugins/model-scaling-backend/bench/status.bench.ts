// long-file: one benchmark run measures every figure side by side (in process, HTTP, event loop, collection modes).
/*
 * Benchmark (not a test): status latency and watch-cache memory of the
 * model-scaling backend with a large fleet in the demo cluster, the
 * event-loop delay during a collection round, and the Triton collection's
 * requests per round in both modes (pod proxy, Prometheus).
 *
 *   yarn bench:backend                                     # 1,000 services × 5 pods
 *   BENCH_SERVICES=5000 yarn bench:backend                 # writes bench-results/status-5000.txt
 *   BENCH_SERVICES=200 BENCH_PODS=5 BENCH_REQUESTS=2000 BENCH_CONCURRENT_REQUESTS=4000 yarn bench:backend
 *
 * It starts the demo cluster in a child process (so its simulation does not
 * share the event loop with what is measured) with N synthetic services,
 * then the backend's services (watch cache + Triton collection) against it
 * and the v1 router on a local port; waits until the cache is synced and
 * Triton has been sampled; then measures `GET /v1/entities/.../status` for
 * random services over HTTP from clients in a third process, one at a time
 * and concurrently, the same documents built in process (1 caller, and as
 * many callers as clients beside a round), the old full fleet list, and
 * the heap the cache holds. It also reports how many Kubernetes API
 * requests the measured page views caused (expected: 0).
 *
 * BENCH_HISTORY_MINUTES (0): minutes of workload history stored before measuring;
 * BENCH_HISTORY_REQUESTS (1000): requests of `GET …/history` (the window; after a time), one at a time;
 * BENCH_TRITON_CONCURRENCY (16): the backend's `modelScaling.triton.concurrency`;
 * BENCH_COLLECTION=prometheus|pod-proxy: the backend's collection mode
 * (default: Prometheus from 2,000 services, the pod proxy below);
 * BENCH_BLOCKS=<file>: writes the event loop's stalls over BENCH_BLOCKS_MS (30) ms as hrtime
 * windows (µs), to read beside a `node --cpu-prof` profile of the run.
 */
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import { IntervalHistogram } from 'node:perf_hooks';
import { WorkloadHistoryPoint } from '@internal/plugin-model-scaling-common';
import { createRouter } from '../src/router';
import { CollectorStore } from '../src/services/CollectorStore/CollectorStore';
import {
  ask,
  benchCollectionMode,
  canCollectGarbage,
  createPrinter,
  demoClusterSettings,
  heapBytes,
  inMemoryCollectorStore,
  loadAverage,
  Measurement,
  measureCalls,
  percentile,
  startDemoChild,
  processCpuMs,
  cpuShares,
  startHttpLoadChild,
  servePrometheusTargets,
  startSyntheticPrometheus,
  withLoopDelay,
  writeBenchResults,
} from './benchHarness';
import { createModelScalingServices } from '../src/services/createModelScalingServices';
import { syntheticModelServices } from '../src/__testUtils__/exampleEntities';
import { CachedEntityAuthorizer } from '../src/services/Authorization/EntityAuthorizer';
import { createTritonCollection } from '../src/services/TritonCollector/createTritonCollection';
import { WorkerTritonCollector } from '../src/services/TritonCollector/WorkerTritonCollector';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 1000);
const PODS = Number(process.env.BENCH_PODS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
/**
 * Views of the concurrent measurements (HTTP and in process). 36,000 at the
 * 8 clients' rate of 1,000–2,300 a second cover at least a whole 15 s
 * collection interval, so the figure holds the round's work and the burst of
 * watch events of the HPAs' syncs in proportion, not whichever slice of the
 * interval a shorter run happened to hit (the output says how long the
 * clients ran and how many watch changes came meanwhile).
 */
const CONCURRENT_REQUESTS = Number(
  process.env.BENCH_CONCURRENT_REQUESTS ?? 36000,
);
const FLEET_REQUESTS = Number(process.env.BENCH_FLEET_REQUESTS ?? 3);
/** Requests of each kind of `GET …/history` (the window; after a time), one at a time. */
const HISTORY_REQUESTS = Number(process.env.BENCH_HISTORY_REQUESTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
/**
 * Minutes of workload history before the measurements (0: only the rounds of
 * the run itself, a few points per workload). A portal that has run for an
 * hour holds `modelScaling.history.retentionMinutes` (60) of them, and every
 * status view reads and charts its workloads' share.
 */
const HISTORY_MINUTES = Number(process.env.BENCH_HISTORY_MINUTES ?? 0);
/** `modelScaling.triton.concurrency` of the backend under test. */
const TRITON_CONCURRENCY = Number(process.env.BENCH_TRITON_CONCURRENCY ?? 16);
/** The backend's own collection mode, in the background of the views. */
const COLLECTION = benchCollectionMode(SERVICES);

const heapMiB = () => heapBytes() / 1024 / 1024;

function row(name: string, r: Measurement): string {
  const f = (n: number) => n.toFixed(2).padStart(8);
  return (
    `  ${name.padEnd(30)} n=${String(r.ms.length).padStart(5)}  p50 ${f(
      percentile(r.ms, 50),
    )} ms` +
    `  p99 ${f(percentile(r.ms, 99))} ms  max ${f(r.ms[r.ms.length - 1])} ms` +
    `  ${(r.ms.length / r.seconds).toFixed(0).padStart(5)} req/s  body ${(
      r.bytes /
      r.ms.length /
      1024
    ).toFixed(1)} KiB`
  );
}

function loopDelayRow(name: string, h: IntervalHistogram): string {
  const ms = (ns: number) => (ns / 1e6).toFixed(1).padStart(7);
  return `  ${name.padEnd(44)} p50 ${ms(h.percentile(50))} ms  p99 ${ms(
    h.percentile(99),
  )} ms  max ${ms(h.max)} ms`;
}

const { lines: out, print } = createPrinter();

/** BENCH_BLOCKS=<file>: writes the event loop's stalls over BENCH_BLOCKS_MS (30) ms (hrtime µs windows), to read beside a CPU profile. */
const phases: [string, number][] = [];
/** Marks the start of a phase of the run in the BENCH_BLOCKS file. */
function phase(name: string) {
  phases.push([name, Number(process.hrtime.bigint() / 1000n)]);
}

function recordStalls(file: string | undefined) {
  if (!file) return () => undefined;
  const stalls: [number, number][] = [];
  let last = process.hrtime.bigint();
  const timer = setInterval(() => {
    const now = process.hrtime.bigint();
    if (now - last > BigInt(process.env.BENCH_BLOCKS_MS ?? 30) * 1_000_000n)
      stalls.push([Number(last / 1000n), Number(now / 1000n)]);
    last = now;
  }, 1);
  return () => {
    clearInterval(timer);
    fs.writeFileSync(file, JSON.stringify({ stalls, phases }));
  };
}

/**
 * Copies each workload's latest stored point to every 15 s step of the
 * `minutes` before the first one.
 */
async function seedHistory(
  store: CollectorStore,
  minutes: number,
): Promise<number> {
  const points = await store.historySince(0);
  const first = Math.min(...points.map(p => p.t));
  const latest = new Map(points.map(p => [p.workload, p]));
  const seeded: { workload: string; t: number; point: WorkloadHistoryPoint }[] =
    [];
  // Inside the retention, so the rounds of the run keep them.
  for (
    let t = first - 15_000;
    t > first - minutes * 60_000 + 30_000;
    t -= 15_000
  ) {
    for (const p of latest.values()) {
      seeded.push({ workload: p.workload, t, point: p.point });
    }
  }
  await store.insertHistory(seeded);
  return seeded.length;
}

async function main() {
  const writeStalls = recordStalls(process.env.BENCH_BLOCKS);
  if (!canCollectGarbage)
    console.warn('Run with --expose-gc for exact heap figures.');
  print(`Demo cluster: ${SERVICES} synthetic services × ${PODS} pods`);
  print(
    `  the backend collects Triton figures in ${COLLECTION} mode; ${CONCURRENCY} HTTP clients in a process of their own`,
  );
  print(
    `  load average at the start: ${loadAverage()} on ${
      os.cpus().length
    } cores`,
  );
  const t0 = Date.now();
  const demo = await startDemoChild('./demoCluster.child.ts', {
    services: SERVICES,
    pods: PODS,
  });
  const child = demo.child;
  print(
    `  started in ${((Date.now() - t0) / 1000).toFixed(1)} s at ${demo.url}`,
  );

  const entities = syntheticModelServices(SERVICES);
  const catalog = catalogServiceMock({ entities });
  const logger = mockServices.rootLogger({ level: 'warn' });
  // The synthetic Prometheus (in the demo cluster's process) learns its pods
  // once the cache is synced.
  const prom = await startSyntheticPrometheus(child);
  const settings = demoClusterSettings(demo, logger, {
    triton: {
      concurrency: TRITON_CONCURRENCY,
      ...(COLLECTION === 'prometheus' && { prometheus: { url: prom.url } }),
    },
  });
  const {
    measure,
    pid: clientsPid,
    close: closeHttp,
  } = await startHttpLoadChild();
  const store = await inMemoryCollectorStore(logger);

  // The permission service and the catalog count their calls: a view should
  // cost neither once the caller's decisions and the index are warm. The
  // routes' catalog counts its calls; the entity index counts its one-off
  // lookups itself. The collection round's own catalog read (one per round,
  // not per view) goes to the plain catalog.
  let permissionCalls = 0;
  let catalogCalls = 0;
  const permissions = {
    authorize: async (reqs: any[]) => {
      permissionCalls += 1;
      return reqs.map(() => ({ result: AuthorizeResult.ALLOW as const }));
    },
    authorizeConditional: async (reqs: any[]) => {
      permissionCalls += 1;
      return reqs.map(() => ({ result: AuthorizeResult.ALLOW as const }));
    },
  };
  const countingCatalog = new Proxy(catalog, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function'
        ? (...args: unknown[]) => {
            catalogCalls += 1;
            return value.apply(target, args);
          }
        : value;
    },
  });
  const services = createModelScalingServices({
    settings,
    logger,
    auth: mockServices.auth(),
    catalog,
    store,
    instance: 'bench',
  });
  // The plugin's index of model services (the status route and the fleet
  // index read it, as in the plugin), filled before the
  // heap is measured: the heap figure is the cache's, the Triton state's and
  // the fleet rows'.
  const tIndex = Date.now();
  await services.entities.refresh();
  print(
    `  model service index: ${services.entities.size} entities in ${(
      (Date.now() - tIndex) /
      1000
    ).toFixed(2)} s`,
  );
  const heapBefore = heapMiB();
  const t1 = Date.now();
  services.start();
  while (!services.cache.health().every(h => h.synced)) {
    await new Promise(r => setTimeout(r, 50));
  }
  const syncSeconds = (Date.now() - t1) / 1000;
  print(
    `  cache synced in ${syncSeconds.toFixed(2)} s; waiting for Triton samples`,
  );
  const targets = await servePrometheusTargets(child, {
    catalog,
    cache: services.cache,
    settings,
    logger,
  });
  // Two collection rounds (rates need two samples), so Triton state and
  // history are part of the memory figure; then rounds every 15 s, as the
  // scheduler runs them, in the background of the measurements.
  await services.collection.run();
  await new Promise(r => setTimeout(r, 15_000));
  await services.collection.run();
  if (HISTORY_MINUTES > 0) {
    const seeded = await seedHistory(store, HISTORY_MINUTES);
    print(
      `  history seeded: ${seeded} points, ${HISTORY_MINUTES} minutes of every workload (a steady state)`,
    );
  }
  const rounds = setInterval(
    () => services.collection.run().catch(() => undefined),
    15_000,
  );
  const records = services.cache.size;
  const heapAfter = heapMiB();
  // The Triton state lives in the collector's worker thread (its heap in
  // use, garbage not collected first, so an upper bound).
  const workerHeap =
    services.triton instanceof WorkerTritonCollector
      ? (await services.triton.heapUsedBytes()) / 2 ** 20
      : 0;

  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions,
    catalog: countingCatalog,
    status: services.status,
    entities: services.entities,
    authorizer: new CachedEntityAuthorizer({ permissions }),
    logger,
  });
  const app = express()
    .use('/api/model-scaling', router)
    .use(mockErrorHandler());
  const server = app.listen(0, '127.0.0.1');
  // Idle keep-alive sockets must outlive the pauses between measurements.
  server.keepAliveTimeout = 120_000;
  await new Promise(r => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;

  const statusPath = (i: number) =>
    `/api/model-scaling/v1/entities/default/component/${
      entities[(i * 7919) % entities.length].metadata.name
    }/status`;
  await measure(300, port, statusPath, CONCURRENCY); // warm-up (JIT)

  // A collection round alone (the backend's mode), no page views: its event-loop delay.
  await ask(child, { type: 'reset' }, 'reset');
  phase('own round');
  const ownRound = await withLoopDelay(() => services.collection.run());
  phase('after own round');

  await ask(child, { type: 'reset' }, 'reset');
  permissionCalls = 0;
  catalogCalls = 0;
  const lookupsBefore = services.entities.catalogLookups;
  // The backend's own work per page view: assembling the status from memory
  // (and serializing it, as the route does), by `callers` callers at a time.
  const statusInProcess = (
    callers: number,
    count = REQUESTS,
  ): Promise<Measurement> =>
    measureCalls(count, callers, async i => {
      const doc = await services.status.entityStatus(
        entities[(i * 7919) % entities.length],
        { clusterDetails: false },
      );
      return JSON.stringify(doc).length;
    });
  const inProcess = await statusInProcess(1);
  const cpu0 = process.cpuUsage();
  const status = await measure(REQUESTS, port, statusPath, 1);
  const cpu1 = process.cpuUsage(cpu0);
  const cpuMsPerView = (cpu1.user + cpu1.system) / 1000 / REQUESTS;
  // Page views while a collection round runs (started just before, so the
  // views overlap it, besides the rounds every 15 s).
  const roundBeside = services.collection.run().catch(() => undefined);
  phase('views');
  const cpuOf = () => ({
    backend: processCpuMs(process.pid),
    'HTTP clients': processCpuMs(clientsPid),
    'demo cluster': processCpuMs(child.pid),
  });
  // The watch cache's changes meanwhile, by kind: background work of the
  // main thread beside the views (each is reduced, stored and marks fleet rows).
  const changes = new Map<string, number>();
  const unsubscribe = services.cache.clusters.map(c =>
    c.store.onChange(change =>
      changes.set(change.kind, (changes.get(change.kind) ?? 0) + 1),
    ),
  );
  const memoBefore = services.status.memo.stats;
  const cpuBefore = cpuOf();
  const concurrent = await withLoopDelay(() =>
    measure(CONCURRENT_REQUESTS, port, statusPath, CONCURRENCY),
  );
  const cpuDuring = cpuShares(cpuBefore, cpuOf(), concurrent.value.seconds);
  for (const u of unsubscribe) u();
  const memoAfter = services.status.memo.stats;
  const memoDuring = `${
    memoAfter.hits - memoBefore.hits
  } taken from the memo, ${
    memoAfter.misses - memoBefore.misses
  } built (status views and fleet rows; ${memoAfter.entries} workloads kept)`;
  const changesTotal = [...changes.values()].reduce((a, b) => a + b, 0);
  const changesDuring = `${changesTotal} (${(
    changesTotal / concurrent.value.seconds
  ).toFixed(0)}/s: ${[...changes]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ')})`;
  phase('after views');
  const statusConcurrent = concurrent.value;
  await roundBeside;
  // The same in process: as many callers, a round running beside them.
  const roundBesideInProcess = services.collection.run().catch(() => undefined);
  const inProcessConcurrent = await statusInProcess(
    CONCURRENCY,
    CONCURRENT_REQUESTS,
  );
  await roundBesideInProcess;
  // The tab's history, which the status document no longer carries: the
  // whole window when the tab opens, then every 15 s only the points after
  // the newest it holds (here: after the round before the last).
  const historyPath = (after?: string) => (i: number) =>
    `${statusPath(i).replace(/\/status$/, '/history')}${
      after ? `?after=${encodeURIComponent(after)}` : ''
    }`;
  const historyWindow = await measure(HISTORY_REQUESTS, port, historyPath(), 1);
  const historyPoll = await measure(
    HISTORY_REQUESTS,
    port,
    historyPath(new Date(Date.now() - 15_000).toISOString()),
    1,
  );
  const viewsMeasured = REQUESTS + CONCURRENT_REQUESTS + 300;
  const fleet = await measure(
    FLEET_REQUESTS,
    port,
    () => '/api/model-scaling/v1/services',
    1,
  );
  const { counts } = await ask<{ counts: Record<string, number> }>(
    child,
    { type: 'counts' },
    'counts',
  );
  const kubeCalls = Object.entries(counts)
    .filter(([path]) => !path.includes('/proxy/'))
    .reduce((n, [, c]) => n + c, 0);
  const proxyCalls = Object.entries(counts)
    .filter(([path]) => path.includes('/proxy/'))
    .reduce((n, [, c]) => n + c, 0);

  // Both modes at the same scale, each by a collector of its own over the
  // same pods (the pod proxy of the demo cluster; the synthetic Prometheus),
  // in a worker thread (the default) and on the event loop, side by side.
  clearInterval(rounds);
  const modeRound = async (
    mode: 'pod-proxy' | 'prometheus',
    workerThread: boolean,
  ) => {
    const t = settings.options.triton;
    const collector = createTritonCollection({
      settings: {
        ...settings,
        options: {
          ...settings.options,
          triton: {
            ...t,
            timeoutMs: 15_000,
            workerThread,
            ...(mode === 'prometheus'
              ? {
                  concurrency: 16,
                  prometheus: {
                    url: prom.url,
                    podLabel: 'pod',
                    namespaceLabel: 'namespace',
                  },
                }
              : { prometheus: undefined }),
          },
        },
      },
      targets: async () => targets,
      clusterConnected: () => true,
      fetcher: () => services.cache.clusters[0].client,
      logger,
    });
    try {
      await collector.collectOnce();
      const before = collector.requestCounts;
      const started = Date.now();
      const name = `${mode} round${workerThread ? ' (worker)' : ''}`;
      phase(name);
      const round = await withLoopDelay(() => collector.collectOnce());
      phase(`after ${name}`);
      const after = collector.requestCounts;
      return {
        delay: round.delay,
        seconds: (Date.now() - started) / 1000,
        prometheusQueries: after.prometheusQueries - before.prometheusQueries,
        podProxyRequests: after.podProxyRequests - before.podProxyRequests,
        withFigures: targets.filter(x =>
          collector
            .resultsFor(x.workload)
            .some(r => r.pod === x.pod && r.figures.length > 0 && !r.error),
        ).length,
      };
    } finally {
      await collector.stop();
    }
  };
  const proxyWorker = await modeRound('pod-proxy', true);
  const proxyLoop = await modeRound('pod-proxy', false);
  const promWorker = await modeRound('prometheus', true);
  const promLoop = await modeRound('prometheus', false);

  const held = heapAfter - heapBefore;
  print('\nWatch cache');
  print(`  initial list+watch of all kinds: ${syncSeconds.toFixed(2)} s`);
  print(`  slim records: ${records}`);
  print(
    `  heap held by cache, Triton state, fleet rows and workload builds: ${(
      held + workerHeap
    ).toFixed(1)} MiB` +
      ` (${(((held + workerHeap) * 1024 * 1024) / Math.max(1, records)).toFixed(
        0,
      )} bytes per record): ${held.toFixed(
        1,
      )} MiB on the main thread + ${workerHeap.toFixed(
        1,
      )} MiB in use in the collector's worker thread`,
  );
  print(`  Triton pods sampled: ${services.triton?.podCount ?? 0}`);
  print('\nIn process (no HTTP)');
  print(row('status document from the cache', inProcess));
  print(row(`the same, ${CONCURRENCY} callers + round`, inProcessConcurrent));
  print(
    '\nOver HTTP on 127.0.0.1 (clients in a process of their own; the demo cluster in another)',
  );
  print(row('GET …/status, 1 at a time', status));
  print(
    `  CPU of the backend process per view, 1 at a time (server and any background round): ${cpuMsPerView.toFixed(
      2,
    )} ms`,
  );
  print(
    row(`GET …/status, ${CONCURRENCY} at a time + round`, statusConcurrent),
  );
  print(
    `    CPU meanwhile, 100 % = one of ${
      os.cpus().length
    } cores: ${cpuDuring} (the backend's main thread and the collector's worker together)`,
  );
  print(
    `    over ${statusConcurrent.seconds.toFixed(
      1,
    )} s (a collection interval is 15 s); watch-cache changes meanwhile: ${changesDuring}`,
  );
  print(`    workload builds meanwhile: ${memoDuring}`);
  print(row('GET …/history, the window', historyWindow));
  print(row('GET …/history?after=15 s ago', historyPoll));
  print(row('GET /v1/services (fleet)', fleet));
  const p99In = percentile(inProcess.ms, 99);
  const p99InConcurrent = percentile(inProcessConcurrent.ms, 99);
  const p99Http = percentile(statusConcurrent.ms, 99);
  print(
    `  HTTP p99 (${CONCURRENCY} clients, collection running) / in-process p99 (${CONCURRENCY} callers, collection running): ${(
      p99Http / p99InConcurrent
    ).toFixed(1)}×; / in-process p99 (1 caller, no round): ${(
      p99Http / p99In
    ).toFixed(1)}×; ${(
      statusConcurrent.ms.length / statusConcurrent.seconds
    ).toFixed(0)} views/s`,
  );
  print(
    `  permission calls per view: ${(permissionCalls / viewsMeasured).toFixed(
      4,
    )} (${permissionCalls} in ${viewsMeasured} views, one caller, decisions cached 5 s); catalog calls per view: ${(
      (catalogCalls + services.entities.catalogLookups - lookupsBefore) /
      viewsMeasured
    ).toFixed(4)}`,
  );

  print('\nEvent-loop delay (monitorEventLoopDelay, 1 ms resolution)');
  print(
    loopDelayRow(
      `the backend's own round (${COLLECTION}), no views`,
      ownRound.delay,
    ),
  );
  print(
    loopDelayRow(
      `${CONCURRENCY} clients of …/status + a round`,
      concurrent.delay,
    ),
  );
  for (const [label, r] of [
    ['a round of the pod-proxy mode, collector in a worker', proxyWorker],
    ['the same, collector on the event loop', proxyLoop],
    ['a round of the Prometheus mode, collector in a worker', promWorker],
    ['the same, collector on the event loop', promLoop],
  ] as const) {
    print(loopDelayRow(label, r.delay));
  }

  print(
    '\nTriton collection per round (collector in a worker / on the event loop)',
  );
  print(
    `  pod proxy:  ${proxyWorker.podProxyRequests} pod-proxy requests for ${
      targets.length
    } Triton pods in ${proxyWorker.seconds.toFixed(
      1,
    )} / ${proxyLoop.seconds.toFixed(1)} s (${(
      proxyWorker.podProxyRequests / proxyWorker.seconds
    ).toFixed(0)} / ${(proxyLoop.podProxyRequests / proxyLoop.seconds).toFixed(
      0,
    )} req/s through the demo API server at concurrency ${
      settings.options.triton.concurrency
    }); ${proxyWorker.prometheusQueries} Prometheus queries; ${
      proxyWorker.withFigures
    } / ${proxyLoop.withFigures} pods with figures`,
  );
  print(
    `  Prometheus: ${promWorker.prometheusQueries} queries + ${
      promWorker.podProxyRequests
    } pod-proxy requests (stats of one pod per workload) for ${
      targets.length
    } Triton pods in ${promWorker.seconds.toFixed(
      1,
    )} / ${promLoop.seconds.toFixed(1)} s; ${promWorker.withFigures} / ${
      promLoop.withFigures
    } pods with figures`,
  );
  print(
    `\nKubernetes API requests while measuring: ${kubeCalls} (plus ${proxyCalls} pod-proxy requests of the background Triton collection)`,
  );

  if (SERVICES >= 1000) {
    const written = writeBenchResults(
      `status-${SERVICES}.txt`,
      `BENCH_SERVICES=${SERVICES} BENCH_PODS=${PODS} yarn bench:backend`,
      out,
    );
    print(`\nWritten to ${written}`);
  }

  writeStalls();
  server.close();
  closeHttp();
  clearInterval(rounds);
  await services.stop();
  child.send({ type: 'stop' });
}

main()
  .then(() => process.exit(0))
  .catch(error => {
    console.error(error);
    process.exit(1);
  });
