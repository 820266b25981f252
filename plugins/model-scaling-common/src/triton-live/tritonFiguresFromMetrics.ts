import type { TritonModelFigures } from '../types/status';
import { counterDelta } from './counterDelta';
import type {
  TritonMetricsSample,
  TritonModelCounters,
} from './parseTritonMetrics';
import { intervalSeconds, sampleTimeMs } from './sampleTime';

function key(m: { model: string; version?: string }) {
  return `${m.model}\u0000${m.version ?? ''}`;
}

/** True when a model's counters went down between samples: Triton restarted or reloaded the model. */
function wasReset(
  prev: TritonModelCounters,
  cur: TritonModelCounters,
): boolean {
  return (
    cur.requestSuccess < prev.requestSuccess ||
    cur.requestFailure < prev.requestFailure ||
    cur.inferenceCount < prev.inferenceCount ||
    cur.execCount < prev.execCount
  );
}

/**
 * Per-model Triton figures over the interval between two `/metrics` scrapes
 * (see `parseTritonMetrics`): successful requests, inferences and executions
 * per second, average batch size (Δinferences / Δexecutions), average queue
 * time per request and average compute time (input + infer + output) per
 * execution, pending requests and failures per second.
 *
 * Triton adds an execution's compute time to every request in the batch, so
 * the compute average divides by the requests that ran (successes minus cache
 * hits). A counter reset (any counter of the model went down) makes the
 * current values the deltas, so rates are never negative. Models missing from
 * the previous sample are left out: their rate cannot be known yet.
 */
export function tritonFiguresFromMetrics(
  prev: TritonMetricsSample,
  cur: TritonMetricsSample,
): TritonModelFigures[] {
  const seconds = intervalSeconds(
    sampleTimeMs(prev.at, 'prev.at'),
    sampleTimeMs(cur.at, 'cur.at'),
    'cur.at',
  );
  const previous = new Map(prev.models.map(m => [key(m), m]));
  const figures: TritonModelFigures[] = [];
  for (const c of cur.models) {
    const p = previous.get(key(c));
    if (!p) continue;
    const reset = wasReset(p, c);
    const d = (field: keyof Omit<TritonModelCounters, 'model' | 'version'>) =>
      counterDelta(p[field], c[field], reset);
    const success = d('requestSuccess');
    const inferences = d('inferenceCount');
    const executions = d('execCount');
    const ran = success - d('cacheHits');
    const fig: TritonModelFigures = {
      model: c.model,
      source: 'metrics',
      intervalSeconds: seconds,
      requestsPerSecond: success / seconds,
      inferencesPerSecond: inferences / seconds,
      executionsPerSecond: executions / seconds,
      batchSizeHistogram: [],
      failuresPerSecond: d('requestFailure') / seconds,
    };
    if (c.version) fig.version = c.version;
    if (executions > 0) fig.averageBatchSize = inferences / executions;
    if (success > 0 && c.queueDurationUs !== undefined)
      fig.averageQueueUs = d('queueDurationUs') / success;
    if (ran > 0 && c.computeInferUs !== undefined) {
      fig.averageComputeUs =
        (d('computeInputUs') + d('computeInferUs') + d('computeOutputUs')) /
        ran;
    }
    if (c.pendingRequests !== undefined)
      fig.pendingRequests = c.pendingRequests;
    figures.push(fig);
  }
  return figures;
}
