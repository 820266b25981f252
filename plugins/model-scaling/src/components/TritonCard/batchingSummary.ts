import { TritonModelFigures } from '@internal/plugin-model-scaling-common';

/** What a model is configured to batch, next to what it executes. */
export interface BatchingSummary {
  dynamicBatching: boolean;
  maxBatchSize?: number;
  preferredBatchSizes: number[];
  maxQueueDelayUs?: number;
  averageBatchSize?: number;
  /** Executions in the histogram. */
  executions: number;
  /** Share (0–1) of executions that ran at one of the preferred sizes. */
  preferredShare?: number;
  /** The batch size most executions ran at. */
  modeBatchSize?: number;
  /** Average queue time as a share of the configured max queue delay. */
  queueDelayUse?: number;
}

/** Compares a model's `dynamic_batching` settings with its executed batches. */
export function batchingSummary(model: TritonModelFigures): BatchingSummary {
  const dynamic = model.config?.dynamicBatching;
  const preferred = dynamic?.preferredBatchSize ?? [];
  const executions = model.batchSizeHistogram.reduce(
    (sum, bucket) => sum + bucket.executions,
    0,
  );
  let preferredShare: number | undefined;
  let modeBatchSize: number | undefined;
  if (executions > 0) {
    const atPreferred = model.batchSizeHistogram
      .filter(bucket => preferred.includes(bucket.batchSize))
      .reduce((sum, bucket) => sum + bucket.executions, 0);
    preferredShare =
      preferred.length > 0 ? atPreferred / executions : undefined;
    modeBatchSize = [...model.batchSizeHistogram].sort(
      (a, b) => b.executions - a.executions || a.batchSize - b.batchSize,
    )[0].batchSize;
  }
  const maxDelay = dynamic?.maxQueueDelayMicroseconds;
  return {
    dynamicBatching: dynamic !== undefined,
    maxBatchSize: model.config?.maxBatchSize,
    preferredBatchSizes: preferred,
    maxQueueDelayUs: maxDelay,
    averageBatchSize: model.averageBatchSize,
    executions,
    preferredShare,
    modeBatchSize,
    queueDelayUse:
      maxDelay && maxDelay > 0 && model.averageQueueUs !== undefined
        ? model.averageQueueUs / maxDelay
        : undefined,
  };
}
