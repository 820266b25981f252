/*
 * `/v2/models/resnet50/stats` bodies in the shape Triton core builds them
 * (`src/tritonserver.cc`): cumulative counts and nanoseconds, batch_stats per
 * executed batch size. Compute times per execution follow the H200 ResNet-50
 * profile (1.047 ms at batch 1 … 2.213 ms at batch 16).
 */

const INFER_NS: Record<number, number> = {
  1: 1046900,
  4: 1262400,
  8: 1555100,
  16: 2212900,
};
const INPUT_NS = 50000;
const OUTPUT_NS = 10000;

/** Builds a stats document from executions per batch size, a per-request queue time and failures. */
export function statsDoc(
  executions: Record<number, number>,
  queueNsPerRequest: number,
  failures: number,
  lastInference: number,
) {
  const sizes = Object.keys(executions).map(Number);
  const inferences = sizes.reduce((a, b) => a + b * executions[b], 0);
  const execCount = sizes.reduce((a, b) => a + executions[b], 0);
  const requestInferNs = sizes.reduce(
    (a, b) => a + b * executions[b] * INFER_NS[b],
    0,
  );
  const stat = (count: number, ns: number) => ({ count, ns });
  return {
    model_stats: [
      {
        name: 'resnet50',
        version: '1',
        last_inference: lastInference,
        inference_count: inferences,
        execution_count: execCount,
        inference_stats: {
          success: stat(
            inferences,
            inferences * queueNsPerRequest + requestInferNs * 1.05,
          ),
          fail: stat(failures, failures * 20000),
          queue: stat(inferences, inferences * queueNsPerRequest),
          compute_input: stat(inferences, inferences * INPUT_NS),
          compute_infer: stat(inferences, requestInferNs),
          compute_output: stat(inferences, inferences * OUTPUT_NS),
          cache_hit: stat(0, 0),
          cache_miss: stat(0, 0),
        },
        response_stats: {},
        batch_stats: sizes.map(b => ({
          batch_size: b,
          compute_input: stat(executions[b], executions[b] * INPUT_NS),
          compute_infer: stat(executions[b], executions[b] * INFER_NS[b]),
          compute_output: stat(executions[b], executions[b] * OUTPUT_NS),
        })),
        memory_usage: [{ type: 'GPU', id: 0, byte_size: 102760448 }],
      },
    ],
  };
}
