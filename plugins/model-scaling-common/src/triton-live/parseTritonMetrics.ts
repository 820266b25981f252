import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { SampleTime, sampleTimeMs } from './sampleTime';

/** The cumulative counters and gauges of one model version at one instant, summed over `gpu_uuid`. */
export interface TritonModelCounters {
  model: string;
  version?: string;
  requestSuccess: number;
  /** Summed over `reason`. */
  requestFailure: number;
  inferenceCount: number;
  execCount: number;
  requestDurationUs?: number;
  queueDurationUs?: number;
  computeInputUs?: number;
  computeInferUs?: number;
  computeOutputUs?: number;
  cacheHits?: number;
  /** Gauge `nv_inference_pending_request_count`. */
  pendingRequests?: number;
}

/** GPU gauges (from DCGM) of one device. */
export interface TritonGpuGauges {
  uuid: string;
  utilization?: number;
  memoryUsedBytes?: number;
  memoryTotalBytes?: number;
  powerWatts?: number;
}

/** One scrape of a Triton `/metrics` endpoint. */
export interface TritonMetricsSample {
  /** ISO-8601 time of the scrape. */
  at: string;
  models: TritonModelCounters[];
  gpus: TritonGpuGauges[];
}

type CounterField = Exclude<keyof TritonModelCounters, 'model' | 'version'>;

const MODEL_METRICS: Record<string, CounterField> = {
  nv_inference_request_success: 'requestSuccess',
  nv_inference_request_failure: 'requestFailure',
  nv_inference_count: 'inferenceCount',
  nv_inference_exec_count: 'execCount',
  nv_inference_request_duration_us: 'requestDurationUs',
  nv_inference_queue_duration_us: 'queueDurationUs',
  nv_inference_compute_input_duration_us: 'computeInputUs',
  nv_inference_compute_infer_duration_us: 'computeInferUs',
  nv_inference_compute_output_duration_us: 'computeOutputUs',
  nv_cache_num_hits_per_model: 'cacheHits',
  nv_inference_pending_request_count: 'pendingRequests',
};

const GPU_METRICS: Record<string, Exclude<keyof TritonGpuGauges, 'uuid'>> = {
  nv_gpu_utilization: 'utilization',
  nv_gpu_memory_used_bytes: 'memoryUsedBytes',
  nv_gpu_memory_total_bytes: 'memoryTotalBytes',
  nv_gpu_power_usage: 'powerWatts',
};

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Error for a `/metrics` body that is not Prometheus text format. */
export class TritonMetricsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TritonMetricsError';
  }
}

/**
 * Parses the Prometheus text of Triton's `:8002/metrics` into per-model
 * counters (summed over `gpu_uuid` and failure `reason`) and GPU gauges.
 * `at` is when the scrape was taken. Non-finite values (NaN, ±Inf) are ignored.
 */
export function parseTritonMetrics(
  text: string,
  at: SampleTime,
): TritonMetricsSample {
  const atMs = sampleTimeMs(at, 'at');
  let families;
  try {
    // The format requires a final newline; the parser drops a last line without one.
    families = parsePrometheusTextFormat(
      text.endsWith('\n') ? text : `${text}\n`,
    );
  } catch (e) {
    throw new TritonMetricsError(
      `Triton /metrics is not Prometheus text format: ${(e as Error).message}`,
    );
  }
  const invalid = families.find(f => !METRIC_NAME.test(f.name));
  if (invalid) {
    throw new TritonMetricsError(
      `Triton /metrics is not Prometheus text format: "${invalid.name.slice(
        0,
        60,
      )}" is not a metric name`,
    );
  }
  const models = new Map<string, TritonModelCounters>();
  const gpus = new Map<string, TritonGpuGauges>();
  for (const family of families) {
    const modelField = MODEL_METRICS[family.name];
    const gpuField = GPU_METRICS[family.name];
    if (!modelField && !gpuField) continue;
    for (const sample of family.metrics) {
      const value = Number(sample.value);
      if (sample.value === undefined || !Number.isFinite(value)) continue;
      const labels = sample.labels ?? {};
      if (modelField && labels.model) {
        const key = `${labels.model}\u0000${labels.version ?? ''}`;
        let entry = models.get(key);
        if (!entry) {
          entry = {
            model: labels.model,
            requestSuccess: 0,
            requestFailure: 0,
            inferenceCount: 0,
            execCount: 0,
          };
          if (labels.version) entry.version = labels.version;
          models.set(key, entry);
        }
        entry[modelField] = (entry[modelField] ?? 0) + value;
      } else if (gpuField && labels.gpu_uuid) {
        let gpu = gpus.get(labels.gpu_uuid);
        if (!gpu) {
          gpu = { uuid: labels.gpu_uuid };
          gpus.set(labels.gpu_uuid, gpu);
        }
        gpu[gpuField] = value;
      }
    }
  }
  return {
    at: new Date(atMs).toISOString(),
    models: [...models.values()],
    gpus: [...gpus.values()],
  };
}
