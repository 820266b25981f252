/*
 * The demo cluster in its own process for cache.bench.ts. BENCH_DEMO_CLOCK=manual
 * keeps its simulation paused after the warm-up, so the sync time measures the
 * list path alone (serving and decoding pages); the default follows the wall clock.
 */
import { startDemoCluster } from '@internal/demo-cluster';

async function main() {
  const demo = await startDemoCluster({
    port: 0,
    loadExamples: false,
    synthetic: {
      services: Number(process.env.BENCH_SERVICES ?? 5000),
      podsPerService: Number(process.env.BENCH_PODS ?? 5),
    },
    clock: process.env.BENCH_DEMO_CLOCK === 'manual' ? 'manual' : 'real',
    ...(process.env.BENCH_WARMUP_SECONDS && {
      warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS),
    }),
  });
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'stop') demo.stop().then(() => process.exit(0));
  });
  process.send!({ type: 'ready', url: demo.url, token: demo.token });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
