import { StoredPod } from '../CollectorStore/CollectorStore';
import type { PodTritonResult, ThroughputPoint } from './TritonCollector';
import { TritonTarget } from './tritonTargets';

/**
 * What the collection task and the plugin use of a Triton collector: the
 * {@link TritonCollector} itself (on the event loop that serves the API) or
 * {@link WorkerTritonCollector}, which runs one in a worker thread.
 */
export interface TritonCollection {
  /** One sampling round; resolves with the served throughput of each workload whose pods all have figures from it. */
  collectOnce(options?: {
    signal?: AbortSignal;
    targets?: TritonTarget[];
  }): Promise<Map<string, ThroughputPoint>>;
  /** The latest result of every sampled pod of a workload (`<cluster>/<namespace>/<deployment>`), by pod name. */
  resultsFor(workload: string): PodTritonResult[];
  /** Every pod's state as rows for the database, a few milliseconds of the event loop at a time. */
  exportPodsInSlices(): Promise<StoredPod[]>;
  /** Replaces the state with rows another replica wrote (a takeover). */
  importPods(rows: StoredPod[]): void | Promise<void>;
  /** Number of pods with state. */
  readonly podCount: number;
  /** Requests made so far: Prometheus queries and pod-proxy requests. */
  readonly requestCounts: {
    prometheusQueries: number;
    podProxyRequests: number;
  };
  stop(): Promise<void>;
}
