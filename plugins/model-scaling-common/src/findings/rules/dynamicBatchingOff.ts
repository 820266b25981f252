import type { Finding } from '../../types/status';
import { num } from '../format';
import type { FindingRule } from '../types';

const ID = 'dynamic-batching-off';

/** `dynamic-batching-off`: a Triton model that could batch but has no `dynamic_batching`. */
export const dynamicBatchingOffRule: FindingRule = {
  id: ID,
  description:
    'A Triton model with max_batch_size > 0 has dynamic batching turned off.',
  evaluate(ctx) {
    const out: Finding[] = [];
    for (const { model, config } of ctx.tritonConfigs) {
      if (config.maxBatchSize <= 0 || config.dynamicBatching) continue;
      const measured = ctx.triton?.find(f => f.model === model);
      const observed =
        measured?.averageBatchSize !== undefined
          ? ` Measured: average batch ${num(
              measured.averageBatchSize,
              2,
            )} at ${num(measured.requestsPerSecond)} req/s.`
          : '';
      out.push({
        id: ID,
        severity: 'warning',
        title: `Triton model ${model} runs every request alone: dynamic batching is off`,
        evidence: `max_batch_size is ${config.maxBatchSize} but config.pbtxt has no dynamic_batching block, so Triton executes one request per batch and the GPU spends its time on batch-1 launches.${observed}`,
        fix: 'Add dynamic_batching { preferred_batch_size: [ 4, 8, 16 ] max_queue_delay_microseconds: 5000 } (the realtime-gpu golden path) and size the delay to the latency SLO with the batching advisor.',
        subject: `TritonModel/${model}`,
      });
    }
    return out;
  },
};
