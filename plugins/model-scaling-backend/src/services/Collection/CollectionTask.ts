import { LoggerService } from '@backstage/backend-plugin-api';
import {
  historyPointFromStatus,
  historyStatusOf,
  WorkloadHistoryPoint,
} from '@internal/plugin-model-scaling-common';
import { CollectorStore } from '../CollectorStore/CollectorStore';
import { tritonView } from '../EntityStatus/tritonView';
import {
  ModelServiceWorkloads,
  modelServiceTritonTargets,
} from '../TritonCollector/catalogTargets';
import { TritonCollection } from '../TritonCollector/TritonCollection';
import {
  PodTritonResult,
  ThroughputPoint,
} from '../TritonCollector/TritonCollector';
import { COLLECTION_TASK_ID, CollectorView } from './CollectorView';
import { yieldEvery } from './timeSlicing';

/** Options of {@link CollectionTask}. */
export interface CollectionTaskOptions {
  /** False until this replica's watch cache has synced (or failed): a round would see no workloads. */
  ready?: () => boolean;
  store: CollectorStore;
  view: CollectorView;
  /** The model services and their workloads, from the catalog and this replica's watch cache. */
  services: () => Promise<ModelServiceWorkloads[]>;
  /** Absent when Triton collection is off: the task then records history only. */
  triton?: TritonCollection;
  /** This backend instance, written with each round. */
  instance: string;
  retentionMs: number;
  logger: LoggerService;
  now?: () => Date;
}

/**
 * One round of the fleet-wide collection, run by the scheduler as a global
 * task (one replica at a time): continue from the stored state when another
 * replica ran the last round, sample Triton, record one history point per
 * workload, write it all (the round counter last, so readers see the round
 * whole), then refresh this replica's read cache.
 */
export class CollectionTask {
  #lastRound?: number;
  readonly #now: () => Date;

  constructor(private readonly o: CollectionTaskOptions) {
    this.#now = o.now ?? (() => new Date());
  }

  async run(signal?: AbortSignal): Promise<void> {
    const { store, triton } = this.o;
    if (this.o.ready && !this.o.ready()) {
      this.o.logger.info(
        'Skipped a collection round: the watch cache is still syncing',
      );
      return;
    }
    const stored = await store.round(COLLECTION_TASK_ID);
    if (triton && stored && stored.round !== this.#lastRound) {
      // Another replica collected since our last round: continue from its samples.
      await triton.importPods(await store.pods());
      this.o.logger.info('Continuing the collection from the stored state', {
        round: stored.round,
        previousInstance: stored.instance,
      });
    }
    const services = await this.o.services();
    const throughput = triton
      ? await triton.collectOnce({
          signal,
          targets: await modelServiceTritonTargets(services),
        })
      : new Map<string, ThroughputPoint>();
    if (signal?.aborted) return;

    const at = Math.max(this.#now().getTime(), (stored?.finishedAt ?? 0) + 1);
    const history = await historyPoints(services, triton, throughput);
    this.#lastRound = await store.writeRound({
      task: COLLECTION_TASK_ID,
      instance: this.o.instance,
      at,
      pods: (await triton?.exportPodsInSlices()) ?? [],
      history,
      historyCutoff: at - this.o.retentionMs,
    });
    await this.o.view.refresh();
  }
}

/**
 * One history point per workload (a workload selected by two services counts
 * once), a few milliseconds of work at a time.
 */
async function historyPoints(
  services: ModelServiceWorkloads[],
  triton: TritonCollection | undefined,
  throughput: Map<string, ThroughputPoint>,
): Promise<{ workload: string; point: WorkloadHistoryPoint }[]> {
  const out = new Map<string, WorkloadHistoryPoint>();
  const pause = yieldEvery();
  for (const { workloads } of services) {
    for (const objects of workloads) {
      await pause();
      const key = `${objects.cluster}/${objects.deployment.meta.namespace}/${objects.deployment.meta.name}`;
      if (out.has(key)) continue;
      const results: PodTritonResult[] = triton?.resultsFor(key) ?? [];
      const triView = tritonView(results);
      // Only what a point reads (replicas, autoscaler, Triton), not the whole
      // status with pods and findings: a round records every workload.
      const status = historyStatusOf({
        deployment: objects.deployment,
        hpas: objects.hpas,
        scaledObjects: objects.scaledObjects,
        ...(triView && { triton: triView }),
      });
      out.set(
        key,
        historyPointFromStatus(status, {
          latency: workloadLatency(results),
          throughput: throughput.get(key),
          gpu: results
            .filter(r => r.gpuUtilizationPercent !== undefined)
            .map(r => ({ pod: r.pod, v: r.gpuUtilizationPercent! })),
        }),
      );
    }
  }
  return [...out].map(([workload, point]) => ({ workload, point }));
}

/**
 * Latency of a workload per model from its pods' latency: the request-
 * weighted mean of the pods' p50 and the highest pod p99 (quantiles of
 * different pods cannot be merged exactly; the highest p99 is an upper bound).
 */
function workloadLatency(results: PodTritonResult[]) {
  const byModel = new Map<
    string,
    { weighted: number; weight: number; p99?: number }
  >();
  for (const r of results) {
    for (const l of r.latency ?? []) {
      const rate =
        r.figures.find(f => f.model === l.model)?.requestsPerSecond ?? 0;
      const weight = rate > 0 ? rate : 1e-9;
      const entry = byModel.get(l.model) ?? { weighted: 0, weight: 0 };
      if (l.p50LatencyMs !== undefined) {
        entry.weighted += l.p50LatencyMs * weight;
        entry.weight += weight;
      }
      if (l.p99LatencyMs !== undefined) {
        entry.p99 = Math.max(entry.p99 ?? 0, l.p99LatencyMs);
      }
      byModel.set(l.model, entry);
    }
  }
  return [...byModel].map(([model, e]) => ({
    model,
    ...(e.weight > 0 && { p50LatencyMs: e.weighted / e.weight }),
    ...(e.p99 !== undefined && { p99LatencyMs: e.p99 }),
  }));
}
