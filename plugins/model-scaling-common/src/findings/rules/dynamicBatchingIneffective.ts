import type { Finding } from '../../types/status';
import { num } from '../format';
import type { FindingRule } from '../types';

const ID = 'dynamic-batching-ineffective';
/** Average batch at or below this is "batch ≈ 1". */
const NEAR_ONE = 1.5;
/** Below this rate per workload nothing can batch anyway. */
const MIN_RPS = 20;

/** `dynamic-batching-ineffective`: requests arrive but executions stay at batch ≈ 1. */
export const dynamicBatchingIneffectiveRule: FindingRule = {
  id: ID,
  description:
    'Dynamic batching is configured (or unknown) but the measured average batch size is about 1.',
  evaluate(ctx) {
    const out: Finding[] = [];
    for (const f of ctx.triton ?? []) {
      if (
        f.averageBatchSize === undefined ||
        f.averageBatchSize > NEAR_ONE ||
        f.requestsPerSecond < MIN_RPS
      )
        continue;
      const config =
        ctx.tritonConfigs.find(c => c.model === f.model)?.config ?? f.config;
      if (config && (config.maxBatchSize <= 0 || !config.dynamicBatching))
        continue; // cannot batch, or reported as dynamic-batching-off
      const db = config?.dynamicBatching;
      const configured = db
        ? `preferred_batch_size [${db.preferredBatchSize.join(
            ', ',
          )}], max_queue_delay ${db.maxQueueDelayMicroseconds} µs`
        : 'config not read';
      const executed = f.batchSizeHistogram.length
        ? `; executed sizes: ${f.batchSizeHistogram
            .map(h => `${h.batchSize}×${h.executions}`)
            .join(', ')}`
        : '';
      const neverPreferred =
        db &&
        f.batchSizeHistogram.length > 0 &&
        !f.batchSizeHistogram.some(h =>
          db.preferredBatchSize.includes(h.batchSize),
        )
          ? ' None of the preferred sizes was ever executed.'
          : '';
      let fix: string;
      if (!db) {
        fix =
          'Check that config.pbtxt has a dynamic_batching block with max_queue_delay_microseconds above 0.';
      } else if (db.maxQueueDelayMicroseconds === 0) {
        fix =
          'Set max_queue_delay_microseconds (e.g. 1000–5000 µs, well inside the latency SLO) so requests can wait a moment for each other.';
      } else {
        fix =
          'Each replica gets too few concurrent requests to fill a batch: run fewer, busier replicas (scale on queue time or request rate per replica rather than CPU), lower the preferred sizes, or make clients send concurrently.';
      }
      out.push({
        id: ID,
        severity: 'warning',
        title: `Triton model ${f.model} executes batches of ${num(
          f.averageBatchSize,
          2,
        )} on average`,
        evidence: `${num(f.requestsPerSecond)} req/s in ${num(
          f.executionsPerSecond,
        )} executions/s (${configured}${executed}).${neverPreferred}`,
        fix,
        subject: `TritonModel/${f.model}`,
      });
    }
    return out;
  },
};
