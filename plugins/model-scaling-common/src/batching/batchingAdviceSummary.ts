import type { BatchingOption } from './adviseBatching';

/** A `dynamic_batching` setting as the advisor and Triton's `config.pbtxt` know it. */
export interface DynamicBatchingSetting {
  dynamicBatching: boolean;
  preferredBatchSizes: number[];
  maxQueueDelayUs: number;
}

/**
 * The batching advisor's answer for one Triton model at its current traffic
 * (from `adviseBatching` on a measured batch-latency profile), with the live
 * setting simulated at the live replica count.
 */
export interface BatchingAdviceSummary {
  model: string;
  /** Requests per second of the whole service (today's load). */
  rateRps: number;
  sloMs: number;
  /** Name of the batch-latency profile simulated, e.g. `resnet50-224 (H200)`. */
  profile: string;
  live: DynamicBatchingSetting & {
    replicas: number;
    /** Simulated p99 of the live setting at the live replica count. */
    p99Ms?: number;
    saturated?: boolean;
  };
  /** The golden-path preset of the service's pattern, when it has one. */
  preset?: DynamicBatchingSetting;
  recommended?: BatchingOption;
}
