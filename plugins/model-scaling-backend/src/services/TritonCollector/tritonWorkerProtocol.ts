import { ClusterConfig } from '../../config/ClusterConfig';
import { StoredPod } from '../CollectorStore/CollectorStore';
import type { PodTritonResult, ThroughputPoint } from './TritonCollector';
import { TritonCollectorSettings } from './tritonCollectorFromSettings';
import { TritonTarget } from './tritonTargets';

/**
 * The messages between {@link WorkerTritonCollector} (the plugin's event
 * loop) and the collector it runs in a worker thread. Everything is plain
 * data (structured clone): the worker builds its own API clients from the
 * cluster settings.
 */

/** What a worker is started with. */
export interface TritonWorkerData {
  clusters: ClusterConfig[];
  collector: TritonCollectorSettings;
}

/** Counters a worker reports when an operation ends. */
export interface TritonWorkerCounts {
  podCount: number;
  requestCounts: { prometheusQueries: number; podProxyRequests: number };
}

/** Operations, answered in the order they were sent. */
export type TritonWorkerRequest =
  | {
      type: 'collect';
      id: number;
      targets: TritonTarget[];
      /** Clusters whose watch is connected: only their pods are sampled. */
      connected: string[];
      /** The round's time (epoch ms) when the caller has a clock of its own (tests). */
      nowMs?: number;
    }
  | { type: 'import'; id: number; rows: StoredPod[] }
  | { type: 'export'; id: number }
  /** The worker's heap in use after a collection (when `global.gc` is exposed), for benchmarks. */
  | { type: 'heap'; id: number };

/** Control messages, handled at once (not queued behind a running operation). */
export type TritonWorkerControl =
  | { type: 'ack'; id: number }
  | { type: 'abort'; id: number };

/** What a worker sends back. */
export type TritonWorkerMessage =
  | {
      type: 'log';
      level: 'error' | 'warn' | 'info' | 'debug';
      message: string;
      meta?: Record<string, unknown>;
    }
  /** Part of an answer; the worker sends the next part after an `ack`. */
  | { type: 'results'; id: number; results: PodTritonResult[] }
  | { type: 'rows'; id: number; rows: StoredPod[] }
  | {
      type: 'done';
      id: number;
      counts: TritonWorkerCounts;
      throughput?: [string, ThroughputPoint][];
      heapUsedBytes?: number;
    }
  | { type: 'failed'; id: number; message: string };
