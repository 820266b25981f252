// long-file: the shared parts of the backend benchmarks (child processes, settings, HTTP clients, percentiles, event-loop delay, results files) kept in one place so every bench measures the same way.
/*
 * What the backend benchmarks share: the demo cluster in a child process, the
 * backend settings pointing at it, timed HTTP requests with their
 * percentiles, event-loop delay, heap figures and the printed lines written
 * to bench-results/. Each bench keeps its own figures and their format.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { ConfigReader } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import nodePath from 'node:path';
import { IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { mockServices } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { BackendSettings } from '../src/config/readBackendSettings';
import { WatchCache } from '../src/services/ClusterWatcher/WatchCache';
import { createEntityNamespaceBounds } from '../src/services/EntityStatus/entityNamespaceBounds';
import {
  catalogModelServices,
  modelServiceTritonTargets,
} from '../src/services/TritonCollector/catalogTargets';
import { TritonTarget } from '../src/services/TritonCollector/tritonTargets';
import { CollectorStore } from '../src/services/CollectorStore/CollectorStore';

const gc = (globalThis as { gc?: () => void }).gc;

/** Whether the process runs with --expose-gc (exact heap figures). */
export const canCollectGarbage = gc !== undefined;

/** Heap in use after two full collections, in bytes. */
export function heapBytes(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

/** The p-th percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  const i = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, i)];
}

/** The load average, one decimal each, joined by `separator`. */
export function loadAverage(separator = ' '): string {
  return os
    .loadavg()
    .map(l => l.toFixed(1))
    .join(separator);
}

/** Lines printed to the console and kept, to be written to a file at the end. */
export function createPrinter() {
  const lines: string[] = [];
  return {
    lines,
    print(line = '') {
      console.log(line);
      lines.push(line);
    },
  };
}

/**
 * Writes `# <command> — <date>, Node, cores, load average` and the printed
 * lines to `bench-results/<name>` at the repository root; returns the path.
 */
export function writeBenchResults(
  name: string,
  command: string,
  lines: string[],
): string {
  const file = nodePath.resolve(__dirname, `../../../bench-results/${name}`);
  fs.mkdirSync(nodePath.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    `${[
      `# ${command} — ${new Date().toISOString()}, Node ${process.version}, ${
        os.cpus().length
      } cores, load average at the end ${loadAverage()}`,
      ...lines,
    ].join('\n')}\n`,
  );
  return nodePath.relative(process.cwd(), file);
}

/** Sends a message to the demo cluster process and waits for its answer of `type`. */
export function ask<T>(
  child: ChildProcess,
  msg: { type: string } | undefined,
  type: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`demo cluster process exited with ${code}`));
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

/**
 * Starts `script` (a demo cluster child next to this file) with
 * BENCH_SERVICES and BENCH_PODS, waits for its `ready` message and kills it
 * when this process exits.
 */
/** A TypeScript child process of a bench (compiled on require), killed when the bench exits. */
function forkBenchChild(
  script: string,
  env: Record<string, string> = {},
): ChildProcess {
  const child = fork(require.resolve(script), [], {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
    env: { ...process.env, ...env },
  });
  process.on('exit', () => child.kill());
  return child;
}

export async function startDemoChild(
  script: string,
  options: { services: number; pods: number },
): Promise<{ child: ChildProcess; url: string; token: string }> {
  const child = forkBenchChild(script, {
    BENCH_SERVICES: String(options.services),
    BENCH_PODS: String(options.pods),
  });
  const demo = await ask<{ url: string; token: string }>(
    child,
    undefined,
    'ready',
  );
  return { child, url: demo.url, token: demo.token };
}

/**
 * The backend's Triton collection mode in a bench: `BENCH_COLLECTION`, else
 * through Prometheus at fleet scale (a pod-proxy round of thousands of pods
 * takes longer than the 15 s interval) and the pod proxy below that.
 */
export function benchCollectionMode(
  services: number,
): 'prometheus' | 'pod-proxy' {
  const mode =
    process.env.BENCH_COLLECTION ??
    (services >= 2000 ? 'prometheus' : 'pod-proxy');
  if (mode !== 'prometheus' && mode !== 'pod-proxy')
    throw new Error('BENCH_COLLECTION must be prometheus or pod-proxy');
  return mode;
}

/** Starts the demo child's synthetic Prometheus (serving no pods yet); its URL. */
export async function startSyntheticPrometheus(child: ChildProcess) {
  return ask<{ url: string }>(
    child,
    { type: 'prometheus', pods: [] } as { type: string },
    'prometheus',
  );
}

/**
 * The Triton targets of the backend's model services (from its synced
 * cache), which the demo child's synthetic Prometheus then serves.
 */
export async function servePrometheusTargets(
  child: ChildProcess,
  deps: {
    catalog: CatalogService;
    cache: WatchCache;
    settings: BackendSettings;
    logger: LoggerService;
  },
): Promise<TritonTarget[]> {
  const modelServices = catalogModelServices({
    catalog: deps.catalog,
    auth: mockServices.auth(),
    cache: deps.cache,
    logger: deps.logger,
    namespaceBounds: createEntityNamespaceBounds(
      deps.settings.options.entityNamespaces,
    ),
  });
  const targets = await modelServiceTritonTargets(await modelServices());
  await ask(
    child,
    {
      type: 'prometheus',
      pods: targets.map(t => ({
        namespace: t.namespace,
        pod: t.pod,
        model: t.models[0] ?? 'model',
      })),
    } as { type: string },
    'prometheus',
  );
  return targets;
}

export { demoClusterSettings } from '../src/__testUtils__/demoClusterSettings';

/** The collector's shared state in an in-memory SQLite database, as in the demo. */
export function inMemoryCollectorStore(logger: LoggerService) {
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
  return CollectorStore.create({ database });
}

/** Timed requests: each one's milliseconds (ascending), the bytes read, the wall time. */
export interface Measurement {
  ms: number[];
  bytes: number;
  seconds: number;
}

/**
 * A keep-alive HTTP client for at most `maxSockets` requests at a time, as a
 * signed-in user; `measure` sends `count` GETs, `concurrency` at a time.
 */
/**
 * Times `count` calls of `call(i)` (which answers the bytes it produced),
 * `concurrency` callers at a time; latencies sorted.
 */
export async function measureCalls(
  count: number,
  concurrency: number,
  call: (i: number) => Promise<number>,
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
        // Not `bytes += await call(i)`: that reads `bytes` before the await,
        // so concurrent callers would overwrite each other's sums.
        const n = await call(i);
        bytes += n;
        ms.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { ms: ms.sort((a, b) => a - b), bytes, seconds };
}

export function createHttpMeasurer(maxSockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const authorization = mockCredentials.user.header();

  function get(
    port: number,
    path: string,
  ): Promise<{ status: number; bytes: number }> {
    return new Promise((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port, path, headers: { authorization }, agent },
        res => {
          let bytes = 0;
          res.on('data', d => (bytes += d.length));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
        },
      );
      req.on('error', reject);
    });
  }

  function measure(
    count: number,
    port: number,
    path: (i: number) => string,
    concurrency: number,
  ): Promise<Measurement> {
    return measureCalls(count, concurrency, async i => {
      const res = await get(port, path(i));
      if (res.status !== 200)
        throw new Error(`GET ${path(i)}: HTTP ${res.status}`);
      return res.bytes;
    });
  }

  return { measure, close: () => agent.destroy() };
}

/**
 * HTTP clients in a child process (`httpLoad.child.ts`), so the measured
 * backend's event loop serves requests only; same results as
 * {@link createHttpMeasurer}'s `measure`.
 */
export async function startHttpLoadChild() {
  const child = forkBenchChild('./httpLoad.child.ts');
  await ask(child, undefined, 'ready');
  async function measure(
    count: number,
    port: number,
    path: (i: number) => string,
    concurrency: number,
  ): Promise<Measurement> {
    const paths = Array.from({ length: count }, (_, i) => path(i));
    const answer = await ask<{ result?: Measurement; error?: string }>(
      child,
      { type: 'measure', port, paths, concurrency } as { type: string },
      'measured',
    );
    if (!answer.result) throw new Error(answer.error);
    return answer.result;
  }
  return {
    measure,
    pid: child.pid,
    close: () => child.send({ type: 'stop' }),
  };
}

/** Event-loop delay (`monitorEventLoopDelay`, `resolution` ms) while `run` runs. */
export async function withLoopDelay<T>(
  run: () => Promise<T>,
  resolution = 1,
): Promise<{ value: T; delay: IntervalHistogram }> {
  const delay = monitorEventLoopDelay({ resolution });
  delay.enable();
  try {
    return { value: await run(), delay };
  } finally {
    delay.disable();
  }
}

/**
 * CPU time a process has used so far in ms (user + system), read from
 * `/proc/<pid>/stat` (Linux; clock ticks of 10 ms); undefined elsewhere.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Shares of a core used by the bench's processes between two readings of
 * {@link processCpuMs} (100 % = one core), for reading latencies against
 * what else ran on the machine.
 */
export function cpuShares(
  before: Record<string, number | undefined>,
  after: Record<string, number | undefined>,
  seconds: number,
): string {
  return Object.keys(before)
    .map(name => {
      const a = before[name];
      const b = after[name];
      return a === undefined || b === undefined
        ? `${name} n/a`
        : `${name} ${((b - a) / 10 / seconds).toFixed(0)} %`;
    })
    .join(', ');
}
