/* Standalone demo cluster: `yarn workspace @internal/demo-cluster start [--port 7480]`. */
import { startDemoCluster } from './startDemoCluster';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const synthetic = flag('synthetic');
  const [services, podsPerService] = (synthetic ?? '').split('x').map(Number);
  const cluster = await startDemoCluster({
    port: Number(flag('port') ?? process.env.DEMO_CLUSTER_PORT ?? 7480),
    token: flag('token') ?? process.env.DEMO_CLUSTER_TOKEN ?? 'demo-token',
    fixturesDir: flag('fixtures'),
    timeScale: flag('time-scale') ? Number(flag('time-scale')) : undefined,
    startHour: flag('start-hour') ? Number(flag('start-hour')) : undefined,
    synthetic: synthetic ? { services, podsPerService } : undefined,
  });
  process.stdout.write(
    `demo cluster: ${cluster.url} (token ${cluster.token})\n`,
  );
  const shutdown = () => {
    cluster.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  setInterval(() => {}, 1 << 30);
}

main().catch(e => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
