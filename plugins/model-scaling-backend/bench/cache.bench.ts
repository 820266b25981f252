/*
 * Benchmark (not a test): the watch cache alone — initial list+watch sync
 * time and the heap its slim records hold — against the demo cluster with a
 * large synthetic fleet.
 *
 *   yarn workspace @internal/plugin-model-scaling-backend bench:cache
 *   BENCH_SERVICES=5000 BENCH_PODS=5 yarn workspace @internal/plugin-model-scaling-backend bench:cache
 *
 * The demo cluster runs in a child process (as in status.bench.ts), so the
 * sync time is the two sides together: the demo cluster serving its list
 * pages and the backend decoding and reducing them. Only the watch cache is
 * started (no Triton collection, no history), so the heap delta is what the
 * cache holds: slim records, their indexes and the watchers.
 * BENCH_DEMO_CLOCK=manual pauses the demo cluster's simulation during the
 * sync (the list path alone); BENCH_WARMUP_SECONDS shortens its warm-up.
 * BENCH_PAGE_SIZE and BENCH_LIST_TIMEOUT_MS set the list page size and the
 * list request deadline (modelScaling.watch.pageSize / listTimeoutMs).
 */
import { mockServices } from '@backstage/backend-test-utils';
import { toSlimObject } from '@internal/plugin-model-scaling-common';
import { KIND_SPECS } from '../src/services/ClusterWatcher/kinds';
import { WatchCache } from '../src/services/ClusterWatcher/WatchCache';
import {
  canCollectGarbage,
  demoClusterSettings,
  heapBytes,
  startDemoChild,
} from './benchHarness';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 5000);
const PODS = Number(process.env.BENCH_PODS ?? 5);
const PAGE_SIZE = process.env.BENCH_PAGE_SIZE
  ? Number(process.env.BENCH_PAGE_SIZE)
  : undefined;
const LIST_TIMEOUT_MS = process.env.BENCH_LIST_TIMEOUT_MS
  ? Number(process.env.BENCH_LIST_TIMEOUT_MS)
  : undefined;

async function main() {
  if (!canCollectGarbage)
    console.warn('Run with --expose-gc for exact heap figures.');
  console.log(
    `Watch cache: ${SERVICES} synthetic services × ${PODS} pods in the demo cluster (simulation clock: ${
      process.env.BENCH_DEMO_CLOCK ?? 'real'
    })`,
  );
  const t0 = Date.now();
  const demo = await startDemoChild('./cacheDemo.child.ts', {
    services: SERVICES,
    pods: PODS,
  });
  console.log(
    `  demo cluster started in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );

  const logger = mockServices.rootLogger({ level: 'warn' });
  const settings = demoClusterSettings(demo, logger, {
    watch: {
      ...(PAGE_SIZE !== undefined && { pageSize: PAGE_SIZE }),
      ...(LIST_TIMEOUT_MS !== undefined && {
        listTimeoutMs: LIST_TIMEOUT_MS,
      }),
    },
  });

  const heapBefore = heapBytes();
  const cache = new WatchCache({
    clusters: settings.clusters,
    options: settings.options,
    logger,
    reduce: toSlimObject,
  });
  const t1 = process.hrtime.bigint();
  cache.start();
  while (!cache.health().every(h => h.synced)) {
    await new Promise(r => setTimeout(r, 20));
  }
  const syncSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
  const records = cache.size;
  const heapAfter = heapBytes();
  const errors = cache
    .health()
    .flatMap(h => h.kinds.filter(k => k.lastError))
    .map(k => `${k.kind}: ${k.lastError}`);

  const perKind = cache
    .health()
    .flatMap(h => h.kinds)
    .map(k => `${k.kind} ${k.count}`)
    .join(', ');
  const bytes = heapAfter - heapBefore;
  console.log(`  records: ${records} (${perKind})`);
  console.log(
    `  initial sync: ${syncSeconds.toFixed(2)} s  (page size ${
      settings.options.watch.pageSize
    }, list timeout ${
      settings.options.watch.listTimeoutMs ?? settings.options.requestTimeoutMs
    } ms)`,
  );
  console.log(
    `  cache heap: ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${(
      bytes /
      records /
      1024
    ).toFixed(2)} KB per record`,
  );
  if (errors.length > 0)
    console.log(`  errors during sync: ${errors.join('; ')}`);

  // The same records without any sharing (each a deep copy of its own), for
  // comparison: what the cache would hold without the record compactor.
  const all = cache.clusters.flatMap(c =>
    KIND_SPECS.flatMap(k => [...c.store.kind(k.kind).values()]),
  );
  const beforeCopies = heapBytes();
  const copies = all.map(r => structuredClone(r));
  const copyBytes = heapBytes() - beforeCopies;
  console.log(
    `  the same records unshared (deep copies): ${(
      copyBytes /
      1024 /
      1024
    ).toFixed(1)} MiB, ${(copyBytes / copies.length / 1024).toFixed(
      2,
    )} KB per record`,
  );

  await cache.stop();
  demo.child.send({ type: 'stop' });
  await new Promise(r => demo.child.once('exit', r));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
