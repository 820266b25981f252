/*
 * The demo cluster in its own process for the benchmark, so its simulation
 * does not share the event loop with the backend being measured.
 * Started by status.bench.ts with `fork`; talks over the IPC channel.
 */
import { startDemoCluster } from '@internal/demo-cluster';

async function main() {
  const services = Number(process.env.BENCH_SERVICES ?? 1000);
  const pods = Number(process.env.BENCH_PODS ?? 5);
  const demo = await startDemoCluster({
    port: 0,
    loadExamples: false,
    synthetic: { services, podsPerService: pods },
  });
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'reset') {
      demo.resetCounts();
      process.send!({ type: 'reset' });
    } else if (msg.type === 'counts') {
      process.send!({ type: 'counts', counts: { ...demo.requestCounts } });
    } else if (msg.type === 'stop') {
      demo.stop().then(() => process.exit(0));
    }
  });
  process.send!({ type: 'ready', url: demo.url, token: demo.token });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
