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
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { syntheticModelServices } from '../src/__testUtils__/exampleEntities';
import { readBackendSettings } from '../src/config/readBackendSettings';
import { createRouter } from '../src/router';
import { CachedEntityAuthorizer } from '../src/services/Authorization/EntityAuthorizer';
import { CollectorStore } from '../src/services/CollectorStore/CollectorStore';
import { createModelScalingServices } from '../src/services/createModelScalingServices';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 5000);
const PODS = Number(process.env.BENCH_PODS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const OLD_REQUESTS = Number(process.env.BENCH_OLD_REQUESTS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const AUTH = mockCredentials.user.header();

function percentile(sorted: number[], p: number): number {
  const i = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, i)];
}

function get(
  port: number,
  p: string,
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path: p,
        headers: { authorization: AUTH },
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

interface Measurement {
  ms: number[];
  bytes: number;
  seconds: number;
}

async function measure(
  count: number,
  port: number,
  p: (i: number) => string,
  concurrency: number,
): Promise<Measurement> {
  const ms: number[] = [];
  let bytes = 0;
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = process.hrtime.bigint();
        const res = await get(port, p(i));
        ms.push(Number(process.hrtime.bigint() - t) / 1e6);
        bytes += res.bytes;
        if (res.status !== 200)
          throw new Error(`GET ${p(i)}: HTTP ${res.status}`);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { ms: ms.sort((a, b) => a - b), bytes, seconds };
}

const out: string[] = [];
function print(line = '') {
  console.log(line);
  out.push(line);
}

function row(name: string, r: Measurement): string {
  const f = (n: number) => n.toFixed(2).padStart(9);
  return `  ${name.padEnd(46)} n=${String(r.ms.length).padStart(4)}  p50 ${f(
    percentile(r.ms, 50),
  )} ms  p99 ${f(percentile(r.ms, 99))} ms  ${(r.ms.length / r.seconds)
    .toFixed(0)
    .padStart(5)} req/s  body ${(r.bytes / r.ms.length / 1024).toFixed(1)} KiB`;
}

function ask<T>(
  child: ChildProcess,
  msg: { type: string } | undefined,
  type: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`demo cluster exited with ${code}`));
    const onMessage = (m: { type: string } & T) => {
      if (m.type === type) {
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m);
      }
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (msg) child.send(msg);
  });
}

let demoProcess: ChildProcess | undefined;
process.on('exit', () => demoProcess?.kill());

async function main() {
  print(`Fleet route: ${SERVICES} synthetic services × ${PODS} pods`);
  print(
    `  load average at the start: ${os
      .loadavg()
      .map(l => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  const child = fork(require.resolve('./demoCluster.child.ts'), [], {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
    env: {
      ...process.env,
      BENCH_SERVICES: String(SERVICES),
      BENCH_PODS: String(PODS),
    },
  });
  demoProcess = child;
  const demo = await ask<{ url: string; token: string }>(
    child,
    undefined,
    'ready',
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
      modelScaling: { triton: { concurrency: 16 } },
    }),
    logger,
  );
  const database = DatabaseManager.fromConfig(
    new ConfigReader({
      backend: {
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
    }),
  ).forPlugin('model-scaling', {
    logger,
    lifecycle: { addStartupHook() {}, addShutdownHook() {} },
  });
  const store = await CollectorStore.create({ database });
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
    )} s (in 10 ms slices, the event loop free between them)`,
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
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const page1 = await measure(REQUESTS, port, firstPage, 1);
  const page8 = await measure(REQUESTS, port, firstPage, CONCURRENCY);
  const filtered1 = await measure(REQUESTS, port, filtered, 1);
  const last1 = await measure(REQUESTS, port, lastPage, 1);
  delay.disable();
  const old = await measure(OLD_REQUESTS, port, () => `${base}/services`, 1);
  const recomputedWhile = services.fleet.recomputed - recomputedDuring;

  print();
  print(
    'Over HTTP (keep-alive, this process also runs the watch cache, the fleet index and Triton rounds every 15 s):',
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

  const file = path.resolve(
    __dirname,
    `../../../bench-results/fleet-${SERVICES}.txt`,
  );
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    `${[
      `# BENCH_SERVICES=${SERVICES} BENCH_PODS=${PODS} yarn bench:fleet — ${new Date().toISOString()}, Node ${
        process.version
      }, ${os.cpus().length} cores, load average at the end ${os
        .loadavg()
        .map(l => l.toFixed(1))
        .join(' ')}`,
      ...out,
    ].join('\n')}\n`,
  );
  print(`\nWritten to ${path.relative(process.cwd(), file)}`);

  server.close();
  agent.destroy();
  clearInterval(rounds);
  await services.stop();
  child.send({ type: 'stop' });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
