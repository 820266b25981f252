import { LoggerService } from '@backstage/backend-plugin-api';
import { setPriority } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { MessagePort, parentPort, workerData } from 'node:worker_threads';
import { KubeApiClient } from '../KubeApi/KubeApiClient';
import { PodProxyFetcher } from './PodProxyFetcher';
import { tritonCollectorFromSettings } from './tritonCollectorFromSettings';
import {
  TritonWorkerControl,
  TritonWorkerData,
  TritonWorkerMessage,
  TritonWorkerRequest,
} from './tritonWorkerProtocol';

/** The file a worker thread loads: TypeScript under the CLI's transform, compiled JavaScript in a built backend. */
export const TRITON_WORKER_MODULE = __filename;

/** Results sent per message: about a millisecond of the plugin's event loop to receive. */
export const RESULTS_PER_MESSAGE = 250;
/** Database rows (two strings each) sent per message. */
export const ROWS_PER_MESSAGE = 500;

/**
 * The worker thread's nice value on Linux, where it is a per-thread
 * attribute (`setpriority(2)` with who = 0 sets the calling thread): when
 * the cores are busy the scheduler gives the thread that serves the API
 * about nine times the worker's share, and the round, which has its
 * interval to finish, takes longer instead.
 */
export const WORKER_NICE = 10;

/**
 * The worker thread's side of {@link WorkerTritonCollector}: a
 * {@link TritonCollector} with its own API clients (built from the cluster
 * settings), its own event loop and heap, so the requests, the parsing and
 * their garbage stay off the event loop that serves the API. Operations run
 * one at a time in the order they arrive; answers go back in parts, the next
 * part after the plugin's `ack`, so each part is received in a turn of its own.
 */
export function runTritonCollectorWorker(
  port: MessagePort = parentPort!,
  data: TritonWorkerData = workerData,
): void {
  const post = (message: TritonWorkerMessage) => port.postMessage(message);
  if (process.platform === 'linux') {
    try {
      setPriority(WORKER_NICE);
    } catch {
      // Kept at the process's priority where the system refuses.
    }
  }
  const { collector: o } = data;
  const fetchers = new Map(
    data.clusters.map(c => [
      c.name,
      new PodProxyFetcher(new KubeApiClient(c), o.timeoutMs),
    ]),
  );
  let connected = new Set<string>();
  let nowMs: number | undefined;
  const collector = tritonCollectorFromSettings(o, {
    targets: async () => [],
    fetcher: cluster => fetchers.get(cluster),
    logger: portLogger(post),
    clusterConnected: cluster => connected.has(cluster),
    now: () => new Date(nowMs ?? Date.now()),
  });

  const acks = new Map<number, () => void>();
  const aborts = new Map<number, AbortController>();
  const acked = (id: number) =>
    new Promise<void>(resolve => acks.set(id, resolve));
  const counts = () => ({
    podCount: collector.podCount,
    requestCounts: collector.requestCounts,
  });

  async function handle(request: TritonWorkerRequest): Promise<void> {
    const { id } = request;
    if (request.type === 'collect') {
      const abort = new AbortController();
      aborts.set(id, abort);
      connected = new Set(request.connected);
      nowMs = request.nowMs;
      try {
        const throughput = await collector.collectOnce({
          signal: abort.signal,
          targets: request.targets,
        });
        const results = collector.allResults();
        for (let i = 0; i < results.length; i += RESULTS_PER_MESSAGE) {
          const next = acked(id);
          post({
            type: 'results',
            id,
            results: results.slice(i, i + RESULTS_PER_MESSAGE),
          });
          await next;
        }
        post({
          type: 'done',
          id,
          counts: counts(),
          throughput: [...throughput],
        });
      } finally {
        aborts.delete(id);
        nowMs = undefined;
      }
    } else if (request.type === 'heap') {
      (globalThis as { gc?: () => void }).gc?.();
      post({
        type: 'done',
        id,
        counts: counts(),
        heapUsedBytes: getHeapStatistics().used_heap_size,
      });
    } else if (request.type === 'import') {
      collector.importPods(request.rows);
      post({ type: 'done', id, counts: counts() });
    } else {
      const rows = await collector.exportPodsInSlices();
      for (let i = 0; i < rows.length; i += ROWS_PER_MESSAGE) {
        const next = acked(id);
        post({ type: 'rows', id, rows: rows.slice(i, i + ROWS_PER_MESSAGE) });
        await next;
      }
      post({ type: 'done', id, counts: counts() });
    }
  }

  let queue = Promise.resolve();
  port.on('message', (m: TritonWorkerRequest | TritonWorkerControl) => {
    if (m.type === 'ack') {
      acks.get(m.id)?.();
      acks.delete(m.id);
      return;
    }
    if (m.type === 'abort') {
      aborts.get(m.id)?.abort();
      return;
    }
    queue = queue.then(() =>
      handle(m).catch(error =>
        post({
          type: 'failed',
          id: m.id,
          message: error instanceof Error ? error.message : String(error),
        }),
      ),
    );
  });
}

/** A logger whose lines go to the plugin's logger on the other side of the port. */
function portLogger(post: (m: TritonWorkerMessage) => void): LoggerService {
  const line =
    (level: 'error' | 'warn' | 'info' | 'debug') =>
    (message: string, meta?: unknown) =>
      post({
        type: 'log',
        level,
        message,
        ...(meta !== undefined && {
          meta:
            meta instanceof Error
              ? { error: meta.message }
              : (JSON.parse(JSON.stringify(meta)) as Record<string, unknown>),
        }),
      });
  const logger: LoggerService = {
    error: line('error'),
    warn: line('warn'),
    info: line('info'),
    debug: line('debug'),
    child: () => logger,
  };
  return logger;
}
