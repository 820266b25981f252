import type { TritonModelFigures } from '../types/status';

/**
 * Combines the figures of one model from several pods into one per model and
 * version: rates and pending requests add up, the average batch size is
 * Σinferences / Σexecutions, the queue time is weighted by requests and the
 * compute time by executions, histograms add up.
 */
export function mergeTritonFigures(
  figures: readonly TritonModelFigures[],
): TritonModelFigures[] {
  const groups = new Map<string, TritonModelFigures[]>();
  for (const f of figures) {
    const k = `${f.model}\u0000${f.version ?? ''}`;
    const group = groups.get(k);
    if (group) group.push(f);
    else groups.set(k, [f]);
  }
  return [...groups.values()].map(group => {
    if (group.length === 1) return group[0];
    const sum = (pick: (f: TritonModelFigures) => number) =>
      group.reduce((acc, f) => acc + pick(f), 0);
    const first = group[0];
    const merged: TritonModelFigures = {
      model: first.model,
      source: first.source,
      intervalSeconds: Math.max(...group.map(f => f.intervalSeconds)),
      requestsPerSecond: sum(f => f.requestsPerSecond),
      inferencesPerSecond: sum(f => f.inferencesPerSecond),
      executionsPerSecond: sum(f => f.executionsPerSecond),
      batchSizeHistogram: [],
      failuresPerSecond: sum(f => f.failuresPerSecond),
    };
    if (first.version) merged.version = first.version;
    if (first.config) merged.config = first.config;
    if (merged.executionsPerSecond > 0)
      merged.averageBatchSize =
        merged.inferencesPerSecond / merged.executionsPerSecond;
    const queued = group.filter(f => f.averageQueueUs !== undefined);
    const queuedRate = queued.reduce((a, f) => a + f.requestsPerSecond, 0);
    if (queuedRate > 0)
      merged.averageQueueUs =
        queued.reduce(
          (a, f) => a + f.averageQueueUs! * f.requestsPerSecond,
          0,
        ) / queuedRate;
    const computed = group.filter(f => f.averageComputeUs !== undefined);
    const execRate = computed.reduce((a, f) => a + f.executionsPerSecond, 0);
    if (execRate > 0)
      merged.averageComputeUs =
        computed.reduce(
          (a, f) => a + f.averageComputeUs! * f.executionsPerSecond,
          0,
        ) / execRate;
    const pending = group.filter(f => f.pendingRequests !== undefined);
    if (pending.length > 0)
      merged.pendingRequests = pending.reduce(
        (a, f) => a + f.pendingRequests!,
        0,
      );
    const histogram = new Map<number, number>();
    for (const f of group) {
      for (const h of f.batchSizeHistogram)
        histogram.set(
          h.batchSize,
          (histogram.get(h.batchSize) ?? 0) + h.executions,
        );
    }
    merged.batchSizeHistogram = [...histogram.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([batchSize, executions]) => ({ batchSize, executions }));
    return merged;
  });
}
