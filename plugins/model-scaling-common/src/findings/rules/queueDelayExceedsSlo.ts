import type { Finding } from '../../types/status';
import { num } from '../format';
import type { FindingRule } from '../types';

const ID = 'queue-delay-exceeds-slo';

/** `queue-delay-exceeds-slo`: the batcher's queue delay (configured or measured) eats the latency SLO. */
export const queueDelayExceedsSloRule: FindingRule = {
  id: ID,
  description:
    'The dynamic batcher’s queue delay takes too much of the latency SLO.',
  evaluate(ctx) {
    const slo = ctx.latencySloMs;
    if (slo === undefined || !(slo > 0)) return [];
    const out: Finding[] = [];
    const reported = new Set<string>();
    for (const { model, config } of ctx.tritonConfigs) {
      const db = config.dynamicBatching;
      if (!db) continue;
      const delayMs = db.maxQueueDelayMicroseconds / 1000;
      if (delayMs <= slo / 2) continue;
      reported.add(model);
      out.push({
        id: ID,
        severity: delayMs >= slo ? 'error' : 'warning',
        title: `Triton model ${model} may queue requests for ${num(
          delayMs,
        )} ms against a ${num(slo)} ms SLO`,
        evidence:
          `max_queue_delay_microseconds is ${
            db.maxQueueDelayMicroseconds
          } (${num(delayMs)} ms), ${num(
            (delayMs / slo) * 100,
            0,
          )} % of the ${num(slo)} ms latency SLO, ` +
          'before any compute time: at low load every request can wait the full delay.',
        fix: `Lower max_queue_delay_microseconds to well under half the SLO (e.g. ${Math.round(
          (slo * 1000) / 4,
        )} µs) and let the batching advisor check the p99.`,
        subject: `TritonModel/${model}`,
      });
    }
    for (const f of ctx.triton ?? []) {
      if (reported.has(f.model) || f.averageQueueUs === undefined) continue;
      const queueMs = f.averageQueueUs / 1000;
      if (queueMs <= slo / 2) continue;
      out.push({
        id: ID,
        severity: queueMs >= slo ? 'error' : 'warning',
        title: `Requests to Triton model ${f.model} wait ${num(
          queueMs,
        )} ms in the queue against a ${num(slo)} ms SLO`,
        evidence: `Measured average queue time ${num(queueMs)} ms (compute ${
          f.averageComputeUs !== undefined
            ? `${num(f.averageComputeUs / 1000, 2)} ms`
            : 'unknown'
        }) at ${num(f.requestsPerSecond)} req/s${
          f.pendingRequests !== undefined
            ? `, ${f.pendingRequests} pending`
            : ''
        }.`,
        fix: 'The instances cannot keep up or the batcher waits too long: add replicas (scale on queue time), lower max_queue_delay_microseconds, or add model instances.',
        subject: `TritonModel/${f.model}`,
      });
    }
    return out;
  },
};
