/*
 * Benchmark (not a test): what a Triton round's pod-proxy requests cost the
 * event loop through their cancellation signals, side by side in one run.
 *
 *   yarn workspace @internal/plugin-model-scaling-backend bench:request-signals
 *   BENCH_REQUESTS=10000 BENCH_CONCURRENCY=16 yarn workspace @internal/plugin-model-scaling-backend bench:request-signals
 *
 * A round sends BENCH_REQUESTS GETs (BENCH_CONCURRENCY at a time) to a local
 * HTTP server under one round signal, as the Triton collector does:
 * - "KubeApiClient": `KubeApiClient.request`, a timer and a listener per request;
 * - "AbortSignal.any": the same, given the signal KubeApiClient made per
 *   request before, `AbortSignal.any([round, AbortSignal.timeout(ms)])`.
 * Node's finalizer for a collected composite signal walks all dependants of
 * its source signal (`lib/internal/abort_controller.js`,
 * `dependantSignalsCleanupRegistry`), which makes the clean-up quadratic in
 * the requests of one round, and aborting the round signal (its deadline)
 * aborts every dependant still alive. The bench prints the round's time, the
 * event loop's delay during the round (garbage collection as it comes) and
 * the time `abort()` of the round signal takes after the round.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pLimit from 'p-limit';
import { KubeApiClient } from '../src/services/KubeApi/KubeApiClient';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const TIMEOUT_MS = 10_000;

async function round(
  name: string,
  get: (round: AbortSignal) => Promise<unknown>,
) {
  const controller = new AbortController();
  const limit = pLimit(CONCURRENCY);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: REQUESTS }, () => limit(() => get(controller.signal))),
  );
  const seconds = (performance.now() - started) / 1000;
  // The round's deadline passing after the last answer: Node aborts every
  // dependant signal still alive.
  const abortStarted = performance.now();
  controller.abort();
  const abortMs = performance.now() - abortStarted;
  // Let the loop run the collected signals' finalizers for a while.
  await new Promise(r => setTimeout(r, 300));
  delay.disable();
  const maxMs = delay.max / 1e6;
  console.log(
    `  ${name.padEnd(16)} ${REQUESTS} requests in ${seconds.toFixed(
      2,
    )} s; event loop: p99 ${(delay.percentile(99) / 1e6).toFixed(
      1,
    )} ms, longest stall ${maxMs.toFixed(
      1,
    )} ms; aborting the round signal afterwards: ${abortMs.toFixed(1)} ms`,
  );
  return maxMs;
}

async function main() {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('nv_inference_count{model="m",version="1"} 1\n');
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new KubeApiClient({
    name: 'bench',
    url: base,
    auth: { type: 'localKubectlProxy' },
    skipTLSVerify: true,
  });
  console.log(
    `${REQUESTS} GETs per round, ${CONCURRENCY} at a time, one round signal (Node ${process.version})`,
  );
  const figures: Record<string, number[]> = {
    KubeApiClient: [],
    'AbortSignal.any': [],
  };
  // Alternating, twice each, after a warm-up.
  await round('warm-up', signal =>
    client.request('/metrics', { timeoutMs: TIMEOUT_MS, signal }),
  );
  for (let i = 0; i < 2; i++) {
    figures.KubeApiClient.push(
      await round('KubeApiClient', signal =>
        client.request('/metrics', { timeoutMs: TIMEOUT_MS, signal }),
      ),
    );
    figures['AbortSignal.any'].push(
      // The signal KubeApiClient used to make per request, passed in.
      await round('AbortSignal.any', signal =>
        client.request('/metrics', {
          timeoutMs: TIMEOUT_MS,
          signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
        }),
      ),
    );
  }
  const worst = (k: string) => Math.max(...figures[k]);
  console.log(
    `longest stall, AbortSignal.any / KubeApiClient (worst of each): ${(
      worst('AbortSignal.any') / worst('KubeApiClient')
    ).toFixed(1)}×`,
  );
  await client.close();
  server.close();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
