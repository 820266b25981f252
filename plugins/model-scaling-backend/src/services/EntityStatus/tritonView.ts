import {
  TritonModelFigures,
  TritonView,
} from '@internal/plugin-model-scaling-common';
import { PodTritonResult } from '../TritonCollector/TritonCollector';

/**
 * Combines the per-pod Triton figures of a workload into one figure per
 * model: rates add up, averages are weighted by what they average over
 * (batch size by executions, queue time by requests, compute time by
 * executions), histograms add up. Per-pod errors are listed, never hidden.
 * Undefined when no pod of the workload was sampled.
 */
export function tritonView(results: PodTritonResult[]): TritonView | undefined {
  if (results.length === 0) return undefined;
  const byModel = new Map<string, TritonModelFigures[]>();
  for (const r of results) {
    for (const f of r.figures) {
      const list = byModel.get(f.model) ?? [];
      list.push(f);
      byModel.set(f.model, list);
    }
  }
  const models = [...byModel.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, list]) => combine(list));
  const sampledAt = results
    .map(r => r.sampledAt)
    .sort()
    .pop();
  return {
    models,
    ...(sampledAt && { sampledAt }),
    errors: results
      .filter(r => r.error)
      .map(r => ({ pod: r.pod, message: r.error! })),
  };
}

function combine(list: TritonModelFigures[]): TritonModelFigures {
  if (list.length === 1) return list[0];
  const sum = (f: (x: TritonModelFigures) => number | undefined) =>
    list.reduce((n, x) => n + (f(x) ?? 0), 0);
  const weighted = (
    value: (x: TritonModelFigures) => number | undefined,
    weight: (x: TritonModelFigures) => number,
  ) => {
    let total = 0;
    let weights = 0;
    for (const x of list) {
      const v = value(x);
      const w = weight(x);
      if (v !== undefined && w > 0) {
        total += v * w;
        weights += w;
      }
    }
    return weights > 0 ? total / weights : undefined;
  };

  const histogram = new Map<number, number>();
  for (const x of list) {
    for (const h of x.batchSizeHistogram) {
      histogram.set(h.batchSize, (histogram.get(h.batchSize) ?? 0) + h.executions);
    }
  }
  const inferences = sum(x => x.inferencesPerSecond);
  const executions = sum(x => x.executionsPerSecond);
  const pending = list.some(x => x.pendingRequests !== undefined)
    ? sum(x => x.pendingRequests)
    : undefined;
  const sources = new Set(list.map(x => x.source));
  return {
    model: list[0].model,
    ...(list[0].version !== undefined && { version: list[0].version }),
    source: sources.has('stats') ? 'stats' : list[0].source,
    intervalSeconds: Math.max(...list.map(x => x.intervalSeconds)),
    requestsPerSecond: sum(x => x.requestsPerSecond),
    inferencesPerSecond: inferences,
    executionsPerSecond: executions,
    averageBatchSize:
      executions > 0
        ? inferences / executions
        : weighted(x => x.averageBatchSize, () => 1),
    batchSizeHistogram: [...histogram.entries()]
      .sort(([a], [b]) => a - b)
      .map(([batchSize, executions]) => ({ batchSize, executions })),
    averageQueueUs: weighted(x => x.averageQueueUs, x => x.requestsPerSecond),
    averageComputeUs: weighted(x => x.averageComputeUs, x => x.executionsPerSecond),
    ...(pending !== undefined && { pendingRequests: pending }),
    failuresPerSecond: sum(x => x.failuresPerSecond),
    config: list.find(x => x.config)?.config,
  };
}
