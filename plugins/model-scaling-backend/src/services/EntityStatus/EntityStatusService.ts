// long-file: the status document, the fleet row and the history route share one lookup of the entity's workloads and their memoized builds.
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  buildWorkloadStatusAndModel,
  ClusterError,
  computeVerdict,
  ClusterHealth,
  detectDrift,
  DriftItem,
  EntityHistoryResponse,
  EntityScalingStatus,
  FleetServiceRow,
  PatternPresets,
  Severity,
  sortFindings,
  WorkloadStatus,
  workloadStatusAt,
} from '@internal/plugin-model-scaling-common';
import { WatchCache } from '../ClusterWatcher/WatchCache';
import { CollectedData } from '../Collection/CollectorView';
import { clusterErrorMessage, StatusView } from './clusterErrorView';
import { EntityNamespaceBounds } from './entityNamespaceBounds';
import { EntityTarget, memoizedEntityTarget } from './entityTarget';
import { findWorkloads } from './findWorkloads';
import { tritonView } from './tritonView';
import { WorkloadStatusMemo } from './workloadStatusMemo';

/**
 * Answers the API from memory: an entity's workloads in every cluster
 * (watch cache + Triton samples → `buildWorkloadStatus`), fleet rows with
 * drift from the presets, and cluster health.
 */
export class EntityStatusService {
  readonly #now: () => Date;
  /** Each entity object's annotations read once. */
  readonly #target: (entity: Entity) => EntityTarget;
  /** Each workload's built status while its records and figures stay the same. */
  readonly memo = new WorkloadStatusMemo();

  constructor(
    private readonly deps: {
      cache: WatchCache;
      /** Triton results, throughput and history stored by the collection task. */
      triton?: CollectedData;
      presets: PatternPresets;
      /** Which cluster namespaces each entity may select (`modelScaling.entityNamespaces`). */
      namespaceBounds?: EntityNamespaceBounds;
      now?: () => Date;
    },
  ) {
    this.#now = deps.now ?? (() => new Date());
    this.#target = memoizedEntityTarget(deps.namespaceBounds);
  }

  clusters(): ClusterHealth[] {
    return this.deps.cache.health();
  }

  /**
   * The Scaling tab's document, built from memory (no database query: the
   * recorded history has a route of its own, {@link entityHistory}). Cluster
   * errors are those of clusters relevant to the entity only (see
   * `#workloads`), with raw text only for a `view` with cluster details.
   */
  entityStatus(entity: Entity, view: StatusView): EntityScalingStatus {
    const target = this.#target(entity);
    const { workloads, clusterErrors } = this.#workloads(target, view);
    return {
      entityRef: stringifyEntityRef(entity),
      ...(target.pattern && { pattern: target.pattern }),
      ...(target.latencySloMs !== undefined && {
        latencySloMs: target.latencySloMs,
      }),
      tritonModels: target.tritonModels,
      generatedAt: this.#now().toISOString(),
      workloads,
      findings: sortFindings(workloads.flatMap(w => w.findings)),
      clusterErrors,
      verdict: computeVerdict({
        workloads,
        clusterErrors,
        latencySloMs: target.latencySloMs,
      }),
    };
  }

  /**
   * The recorded history of the entity's workloads (those the watch cache
   * finds now): the whole retention window, or only the points after `after`
   * (epoch ms), the newest a client holds. One database query, shared by the
   * requests of one turn of the event loop.
   */
  async entityHistory(
    entity: Entity,
    after?: number,
  ): Promise<EntityHistoryResponse> {
    const target = this.#target(entity);
    const keys: { cluster: string; namespace: string; name: string }[] = [];
    for (const cluster of this.deps.cache.clusters) {
      for (const { deployment } of findWorkloads(
        cluster.name,
        cluster.store,
        target,
      )) {
        keys.push({
          cluster: cluster.name,
          namespace: deployment.meta.namespace ?? '',
          name: deployment.meta.name,
        });
      }
    }
    const now = this.#now();
    const read = await this.deps.triton?.historyFor(
      keys.map(k => `${k.cluster}/${k.namespace}/${k.name}`),
      after,
    );
    const workloads: EntityHistoryResponse['workloads'] = [];
    for (const k of keys) {
      const history = read?.histories.get(
        `${k.cluster}/${k.namespace}/${k.name}`,
      );
      if (history) workloads.push({ ...k, history });
    }
    return {
      entityRef: stringifyEntityRef(entity),
      generatedAt: now.toISOString(),
      windowStart: new Date(read?.windowStart ?? now.getTime()).toISOString(),
      ...(after !== undefined && { after: new Date(after).toISOString() }),
      workloads,
    };
  }

  fleetRow(entity: Entity, view: StatusView): FleetServiceRow {
    const entityRef = stringifyEntityRef(entity);
    let target: EntityTarget | undefined;
    let workloads: WorkloadStatus[] = [];
    let clusterErrors: ClusterError[] = [];
    try {
      target = this.#target(entity);
      ({ workloads, clusterErrors } = this.#workloads(target, view));
    } catch (error) {
      clusterErrors = [
        {
          cluster: '*',
          message: String((error as Error).message ?? error),
          stale: false,
        },
      ];
    }
    const findings: Record<Severity, number> = {
      error: 0,
      warning: 0,
      info: 0,
    };
    for (const f of workloads.flatMap(w => w.findings))
      findings[f.severity] += 1;

    const drift: DriftItem[] = [];
    if (target?.pattern) {
      for (const w of workloads) {
        const items = detectDrift(w, target.pattern, this.deps.presets);
        drift.push(
          ...(workloads.length > 1
            ? items.map(d => ({
                ...d,
                field: `${w.cluster}/${w.namespace}/${w.name}: ${d.field}`,
              }))
            : items),
        );
      }
    }

    const first = workloads[0];
    const sumOf = (f: (w: WorkloadStatus) => number | undefined) =>
      workloads.reduce((n, w) => n + (f(w) ?? 0), 0);
    const anyOf = (f: (w: WorkloadStatus) => number | undefined) =>
      workloads.some(w => f(w) !== undefined) ? sumOf(f) : undefined;
    const bounds = (w: WorkloadStatus) => {
      const a = w.autoscaler;
      if (a.keda)
        return {
          min: a.keda.minReplicaCount,
          max: a.keda.maxReplicaCount,
          desired: a.hpa?.desiredReplicas ?? w.replicas.spec,
        };
      if (a.hpa)
        return {
          min: a.hpa.minReplicas,
          max: a.hpa.maxReplicas,
          desired: a.hpa.desiredReplicas,
        };
      return { min: undefined, max: undefined, desired: w.replicas.spec };
    };
    const batch = weightedBatchSize(workloads);
    const owner = (entity.spec as { owner?: string } | undefined)?.owner;
    return {
      entityRef,
      name: entity.metadata.name,
      namespace: entity.metadata.namespace ?? 'default',
      ...(entity.metadata.title && { title: entity.metadata.title }),
      ...(owner && { owner }),
      ...(target?.pattern && { pattern: target.pattern }),
      clusters: [...new Set(workloads.map(w => w.cluster))],
      autoscalerType: first?.autoscaler.type ?? 'none',
      replicas: {
        current: sumOf(w => w.replicas.current),
        ready: sumOf(w => w.replicas.ready),
        ...optional(
          'desired',
          anyOf(w => bounds(w).desired),
        ),
        ...optional(
          'min',
          anyOf(w => bounds(w).min),
        ),
        ...optional(
          'max',
          anyOf(w => bounds(w).max),
        ),
      },
      gpuMode: workloads.find(w => w.gpu.mode !== 'none')?.gpu.mode ?? 'none',
      gpusInUse: sumOf(w =>
        w.gpu.mode === 'none' ? 0 : w.gpu.perPod * w.replicas.current,
      ),
      ...(batch !== undefined && { averageBatchSize: batch }),
      findings,
      drift,
      clusterErrors,
      verdict: computeVerdict({
        workloads,
        clusterErrors,
        latencySloMs: target?.latencySloMs,
      }),
    };
  }

  /**
   * The entity's workloads in every cluster, and the errors of the clusters
   * relevant to it: those holding one of its workloads, and those where we
   * cannot tell yet (its namespace not listed, or the cluster misconfigured).
   * A cluster that listed the entity's namespace and has nothing of it keeps
   * its problems to itself.
   */
  #workloads(
    target: EntityTarget,
    view: StatusView,
  ): {
    workloads: WorkloadStatus[];
    clusterErrors: ClusterError[];
  } {
    const workloads: WorkloadStatus[] = [];
    const clusterErrors: ClusterError[] = [];
    const now = this.#now();
    for (const cluster of this.deps.cache.clusters) {
      const found = findWorkloads(cluster.name, cluster.store, target);
      const relevant =
        found.length > 0 ||
        cluster.coverage('Deployment', target.namespace) === 'pending';
      const health = relevant ? cluster.health() : undefined;
      if (health?.lastError) {
        clusterErrors.push({
          cluster: cluster.name,
          message: clusterErrorMessage(
            health.lastError,
            view,
            health.lastError === cluster.configError,
          ),
          stale: health.stale,
          ...(health.staleSince && { staleSince: health.staleSince }),
        });
      }
      for (const objects of found) {
        const workloadKey = `${cluster.name}/${objects.deployment.meta.namespace}/${objects.deployment.meta.name}`;
        const results = this.deps.triton?.resultsFor(workloadKey) ?? [];
        const history = this.deps.triton?.throughputHistory(workloadKey) ?? [];
        // The Deployment and its ReplicaSets, pods, nodes, autoscalers and events.
        const { cluster: _cluster, ...records } = objects;
        const built = this.memo.get(
          workloadKey,
          {
            ...records,
            results,
            history,
            pattern: target.pattern,
            latencySloMs: target.latencySloMs,
            coldStartBudgetSeconds: target.coldStartBudgetSeconds,
          },
          () => {
            const triton = tritonView(results);
            const memory = results
              .map(r => r.modelMemoryBytes)
              .filter((b): b is number => b !== undefined);
            return buildWorkloadStatusAndModel({
              cluster: cluster.name,
              ...records,
              ...(triton && { triton }),
              ...(target.pattern && { pattern: target.pattern }),
              ...(target.latencySloMs !== undefined && {
                latencySloMs: target.latencySloMs,
              }),
              ...(target.coldStartBudgetSeconds !== undefined && {
                coldStartBudgetSeconds: target.coldStartBudgetSeconds,
              }),
              ...(memory.length > 0 && {
                modelSizeBytes: Math.max(...memory),
              }),
              ...(history.length > 0 && { throughputHistory: history }),
              now,
            });
          },
        );
        workloads.push(workloadStatusAt(built, now.getTime()));
      }
    }
    return { workloads, clusterErrors };
  }
}

function optional<K extends string>(
  key: K,
  value: number | undefined,
): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}

/** Average batch size over all workloads and models, weighted by executions. */
function weightedBatchSize(workloads: WorkloadStatus[]): number | undefined {
  let inferences = 0;
  let executions = 0;
  for (const w of workloads) {
    for (const m of w.triton?.models ?? []) {
      if (m.averageBatchSize !== undefined && m.executionsPerSecond > 0) {
        inferences += m.averageBatchSize * m.executionsPerSecond;
        executions += m.executionsPerSecond;
      }
    }
  }
  return executions > 0 ? inferences / executions : undefined;
}
