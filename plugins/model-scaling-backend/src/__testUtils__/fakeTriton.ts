/** Counters of a fake Triton model, advanced by the test between samples. */
export interface FakeTritonCounters {
  success: number;
  executions: Record<number, number>;
  queueUs: number;
  pending: number;
}

/** The inference count of fake counters (Σ batch size × executions). */
export function inferencesOf(c: FakeTritonCounters): number {
  return Object.entries(c.executions).reduce(
    (n, [b, e]) => n + Number(b) * e,
    0,
  );
}

/** A Triton `/metrics` body for one model. */
export function fakeMetricsText(model: string, c: FakeTritonCounters): string {
  const inferences = inferencesOf(c);
  const execs = Object.values(c.executions).reduce((a, b) => a + b, 0);
  const l = `model="${model}",version="1"`;
  return [
    '# TYPE nv_inference_request_success counter',
    `nv_inference_request_success{gpu_uuid="GPU-1",${l}} ${c.success}`,
    '# TYPE nv_inference_request_failure counter',
    `nv_inference_request_failure{${l.replace(',', ',reason="REJECTED",')}} 0`,
    '# TYPE nv_inference_count counter',
    `nv_inference_count{gpu_uuid="GPU-1",${l}} ${inferences}`,
    '# TYPE nv_inference_exec_count counter',
    `nv_inference_exec_count{gpu_uuid="GPU-1",${l}} ${execs}`,
    '# TYPE nv_inference_queue_duration_us counter',
    `nv_inference_queue_duration_us{gpu_uuid="GPU-1",${l}} ${c.queueUs}`,
    '# TYPE nv_inference_compute_infer_duration_us counter',
    `nv_inference_compute_infer_duration_us{gpu_uuid="GPU-1",${l}} ${
      execs * 1500
    }`,
    '# TYPE nv_inference_pending_request_count gauge',
    `nv_inference_pending_request_count{${l}} ${c.pending}`,
    '',
  ].join('\n');
}

/** A Triton `/v2/models/<m>/stats` body for one model. */
export function fakeStatsDoc(model: string, c: FakeTritonCounters) {
  const inferences = inferencesOf(c);
  const execs = Object.values(c.executions).reduce((a, b) => a + b, 0);
  const stat = (count: number, ns: number) => ({ count, ns });
  return {
    model_stats: [
      {
        name: model,
        version: '1',
        last_inference: 1700000000000,
        inference_count: inferences,
        execution_count: execs,
        inference_stats: {
          success: stat(c.success, c.success * 2_000_000),
          fail: stat(0, 0),
          queue: stat(c.success, c.queueUs * 1000),
          compute_input: stat(c.success, c.success * 50_000),
          compute_infer: stat(c.success, execs * 1_500_000),
          compute_output: stat(c.success, c.success * 10_000),
          cache_hit: stat(0, 0),
          cache_miss: stat(0, 0),
        },
        response_stats: {},
        batch_stats: Object.entries(c.executions).map(([b, e]) => ({
          batch_size: Number(b),
          compute_input: stat(e, e * 50_000),
          compute_infer: stat(e, e * 1_500_000),
          compute_output: stat(e, e * 10_000),
        })),
        memory_usage: [{ type: 'GPU', id: 0, byte_size: 2 * 1024 ** 3 }],
      },
    ],
  };
}

/** A Triton `/v2/models/<m>/config` body with dynamic batching. */
export function fakeConfigDoc(model: string) {
  return {
    name: model,
    backend: 'onnxruntime',
    max_batch_size: 16,
    dynamic_batching: {
      preferred_batch_size: [4, 8, 16],
      max_queue_delay_microseconds: 5000,
      preserve_ordering: false,
    },
    instance_group: [{ name: model, kind: 'KIND_GPU', count: 1, gpus: [0] }],
  };
}
