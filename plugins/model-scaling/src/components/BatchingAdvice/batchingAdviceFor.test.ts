import {
  batchEmbedderStatus,
  imageClassifierStatus,
  summarizerStatus,
} from '../../__fixtures__';
import { batchingAdviceFor } from './batchingAdviceFor';
import { H200_BATCH_PROFILES } from '@internal/plugin-model-scaling-common';

const profile = (name: string) =>
  H200_BATCH_PROFILES.find(p => p.model === name)!;

describe('batchingAdviceFor', () => {
  it('resnet50 at 370 req/s within 20 ms: the live config and a recommendation that meets the SLO', () => {
    const workload = imageClassifierStatus.workloads[0];
    const outcome = batchingAdviceFor({
      model: workload.triton!.models[0],
      profile: profile('resnet50-224'),
      sloMs: 20,
      replicas: workload.replicas.ready,
    });
    if (outcome.kind !== 'advice') {
      throw new Error(outcome.reason);
    }
    expect(outcome.rateRps).toBeCloseTo(370.7);
    // Four replicas share the traffic with the live preferred sizes 4, 8, 16.
    expect(outcome.current?.replicas).toBe(4);
    expect(outcome.current?.result.saturated).toBe(false);
    const recommended = outcome.advice.recommended!;
    expect(recommended.replicas).toBeGreaterThanOrEqual(1);
    expect(recommended.result!.p99Ms).toBeLessThanOrEqual(20);
    // Batching never needs more GPUs than running every request alone.
    expect(recommended.replicas!).toBeLessThanOrEqual(
      outcome.advice.noBatching.replicas!,
    );
  });

  it('summarizer without dynamic batching: the baseline runs requests alone', () => {
    const workload = summarizerStatus.workloads[0];
    const outcome = batchingAdviceFor({
      model: workload.triton!.models[0],
      profile: profile('bert-base-seq128'),
      sloMs: 500,
      replicas: workload.replicas.ready,
    });
    if (outcome.kind !== 'advice') {
      throw new Error(outcome.reason);
    }
    expect(outcome.current?.result.averageBatchSize).toBeCloseTo(1);
    expect(outcome.advice.recommended).toBeDefined();
  });

  it('needs an SLO and traffic', () => {
    const model = imageClassifierStatus.workloads[0].triton!.models[0];
    expect(
      batchingAdviceFor({
        model,
        profile: profile('resnet50-224'),
        replicas: 4,
      }),
    ).toEqual({
      kind: 'unavailable',
      reason:
        'No latency SLO: set the model-scaling.io/latency-slo-ms annotation.',
    });
    expect(
      batchingAdviceFor({
        model: { ...model, requestsPerSecond: 0, inferencesPerSecond: 0 },
        profile: profile('resnet50-224'),
        sloMs: 20,
        replicas: 4,
      }),
    ).toEqual({
      kind: 'unavailable',
      reason: 'No requests in the last sample.',
    });
  });

  it('declines client-side batches it cannot model', () => {
    const model = {
      ...batchEmbedderStatus.workloads[0].triton!.models[0],
      requestsPerSecond: 5.2,
      inferencesPerSecond: 330.7,
    };
    const outcome = batchingAdviceFor({
      model,
      profile: profile('bert-base-seq128'),
      sloMs: 2000,
      replicas: 4,
    });
    expect(outcome).toEqual({
      kind: 'unavailable',
      reason:
        'Clients send batches of about 64 items per request; the advisor models single-item requests.',
    });
  });
});
