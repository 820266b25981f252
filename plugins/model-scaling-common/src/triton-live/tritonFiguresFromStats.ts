import type { TritonModelFigures } from '../types/status';
import { counterDelta } from './counterDelta';
import { SampleTime, intervalSeconds, sampleTimeMs } from './sampleTime';
import { TritonModelStats, parseTritonStats } from './tritonStatsSchema';

function key(m: { name: string; version: string }) {
  return `${m.name}\u0000${m.version}`;
}

function wasReset(p: TritonModelStats, c: TritonModelStats): boolean {
  return (
    c.inference_count < p.inference_count ||
    c.execution_count < p.execution_count ||
    c.inference_stats.success.count < p.inference_stats.success.count ||
    c.inference_stats.fail.count < p.inference_stats.fail.count
  );
}

/**
 * Per-model Triton figures from two `/v2/models[/<m>]/stats` documents taken
 * at `prevAt` and `curAt`: the rates, the average batch size, and — unlike
 * `/metrics` — the batch-size histogram of the interval (from `batch_stats`
 * deltas: `compute_infer.count` is the number of executions at that size) and
 * the exact average compute time per execution. A counter reset (Triton
 * restarted or the model reloaded) makes the current counts the deltas.
 * Both documents are validated; errors name the field.
 */
export function tritonFiguresFromStats(
  prevDoc: unknown,
  prevAt: SampleTime,
  curDoc: unknown,
  curAt: SampleTime,
): TritonModelFigures[] {
  const seconds = intervalSeconds(
    sampleTimeMs(prevAt, 'prevAt'),
    sampleTimeMs(curAt, 'curAt'),
    'curAt',
  );
  const prev = parseTritonStats(prevDoc, 'previous stats');
  const cur = parseTritonStats(curDoc, 'current stats');
  const previous = new Map(prev.model_stats.map(m => [key(m), m]));
  const figures: TritonModelFigures[] = [];
  for (const c of cur.model_stats) {
    const p = previous.get(key(c));
    if (!p) continue;
    const reset = wasReset(p, c);
    const d = (a: number, b: number) => counterDelta(a, b, reset);
    const ps = p.inference_stats;
    const cs = c.inference_stats;
    const success = d(ps.success.count, cs.success.count);
    const inferences = d(p.inference_count, c.inference_count);
    const executions = d(p.execution_count, c.execution_count);

    const prevBatches = new Map(p.batch_stats.map(b => [b.batch_size, b]));
    const histogram: TritonModelFigures['batchSizeHistogram'] = [];
    let batchExecutions = 0;
    let batchComputeNs = 0;
    for (const b of [...c.batch_stats].sort(
      (x, y) => x.batch_size - y.batch_size,
    )) {
      const pb = prevBatches.get(b.batch_size);
      const n = d(pb?.compute_infer.count ?? 0, b.compute_infer.count);
      if (n <= 0) continue;
      histogram.push({ batchSize: b.batch_size, executions: n });
      batchExecutions += n;
      batchComputeNs +=
        d(pb?.compute_input.ns ?? 0, b.compute_input.ns) +
        d(pb?.compute_infer.ns ?? 0, b.compute_infer.ns) +
        d(pb?.compute_output.ns ?? 0, b.compute_output.ns);
    }

    const fig: TritonModelFigures = {
      model: c.name,
      source: 'stats',
      intervalSeconds: seconds,
      requestsPerSecond: success / seconds,
      inferencesPerSecond: inferences / seconds,
      executionsPerSecond: executions / seconds,
      batchSizeHistogram: histogram,
      failuresPerSecond: d(ps.fail.count, cs.fail.count) / seconds,
    };
    if (c.version) fig.version = c.version;
    if (executions > 0) fig.averageBatchSize = inferences / executions;
    const queued = d(ps.queue.count, cs.queue.count);
    if (queued > 0)
      fig.averageQueueUs = d(ps.queue.ns, cs.queue.ns) / queued / 1000;
    if (batchExecutions > 0) {
      fig.averageComputeUs = batchComputeNs / batchExecutions / 1000;
    } else {
      // Without batch_stats, the per-request compute stats carry the execution time of each request's batch.
      const ran = d(ps.compute_infer.count, cs.compute_infer.count);
      if (ran > 0) {
        fig.averageComputeUs =
          (d(ps.compute_input.ns, cs.compute_input.ns) +
            d(ps.compute_infer.ns, cs.compute_infer.ns) +
            d(ps.compute_output.ns, cs.compute_output.ns)) /
          ran /
          1000;
      }
    }
    figures.push(fig);
  }
  return figures;
}
