import { createPlan } from '../plan/createPlan';
import { imageClassifierAnswers } from '../plan/fixtures';
import {
  batchingChangeFromAdvice,
  capacityRecommendationsFor,
} from './recommendations';
import { replayTargetFromPlan } from './replayTargetFromPlan';
import type { ReplayTarget } from './types';

const keda: ReplayTarget = {
  autoscaler: {
    kind: 'ScaledObject',
    minReplicaCount: 2,
    maxReplicaCount: 10,
    triggers: [{ type: 'prometheus', metadata: { threshold: '10' } }],
  },
  capacity: { maxRpsPerPod: 15 },
  coldStartSeconds: 60,
  placement: {
    product: 'NVIDIA-H100-80GB-HBM3',
    gpusPerPod: 1,
    sharing: 'exclusive',
    capacity: 'on-demand',
  },
};

describe('capacityRecommendationsFor', () => {
  it('offers only the changes that could change something for this service', () => {
    const recs = capacityRecommendationsFor(keda, {
      pattern: 'realtime-gpu',
      modelSizeGb: 8,
    });
    expect(recs.map(r => [r.id, r.change])).toEqual([
      // no explicit window → the 300 s default against the realtime-gpu preset's 120 s
      [
        'scale-down-window',
        { kind: 'scale-down-window', stabilizationWindowSeconds: 120 },
      ],
      [
        'night-min-replicas',
        {
          kind: 'night-min-replicas',
          minReplicas: 1,
          fromHourUtc: 0,
          toHourUtc: 6,
        },
      ],
      ['scale-to-zero', { kind: 'scale-to-zero' }],
      // an 8 GB model fits 1g.10gb, which holds 1/7 of the H100
      ['mig-slice', { kind: 'mig-slice', migProfile: '1g.10gb' }],
    ]);
    expect(recs[0].findingId).toBe('default-scale-down-window');
  });

  it('offers spot for queue consumers and nothing that is already in place', () => {
    const queue: ReplayTarget = {
      ...keda,
      autoscaler: {
        kind: 'ScaledObject',
        minReplicaCount: 0,
        hpaBehavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
        triggers: [{ type: 'kafka', metadata: { lagThreshold: '100' } }],
      },
      placement: { ...keda.placement, sharing: 'time-slicing', sharedBy: 4 },
    };
    expect(
      capacityRecommendationsFor(queue, { modelSizeGb: 8 }).map(r => r.id),
    ).toEqual(['spot']);
  });

  it('turns batching advice into more requests per pod: 4 live replicas, 3 advised → 15 × 4/3 = 20 req/s', () => {
    const change = batchingChangeFromAdvice(
      {
        model: 'resnet50',
        rateRps: 600,
        sloMs: 20,
        profile: 'resnet50-224 (H200)',
        live: {
          dynamicBatching: false,
          preferredBatchSizes: [],
          maxQueueDelayUs: 0,
          replicas: 4,
        },
        recommended: {
          dynamicBatching: true,
          preferredBatchSizes: [8, 16],
          maxQueueDelayUs: 500,
          replicas: 3,
        },
      },
      15,
    );
    expect(change).toEqual({
      kind: 'batching',
      maxRpsPerPod: 20,
      preferredBatchSizes: [8, 16],
      maxQueueDelayMicroseconds: 500,
    });
  });
});

describe('replayTargetFromPlan', () => {
  it('reads the rendered ScaledObject, the GPU placement and the SLO of a plan', () => {
    const plan = createPlan(imageClassifierAnswers);
    const result = replayTargetFromPlan(plan);
    if ('problem' in result) throw new Error(result.problem);
    expect(result.target.autoscaler.kind).toBe('ScaledObject');
    expect(result.target.placement).toEqual({
      product: 'NVIDIA-H200',
      gpusPerPod: 1,
      sharing: 'exclusive',
      capacity: 'on-demand',
    });
    expect(result.target.latencySloMs).toBe(20);
    const trigger =
      result.target.autoscaler.kind === 'ScaledObject'
        ? result.target.autoscaler.triggers[0]
        : undefined;
    expect(result.target.capacity.maxRpsPerPod).toBeCloseTo(
      Number(trigger!.metadata.threshold) * 1.5,
      10,
    );
  });

  it('says what is missing instead of guessing', () => {
    const plan = createPlan({
      ...imageClassifierAnswers,
      gpu: { sharing: 'time-slicing' },
    });
    expect(replayTargetFromPlan(plan)).toEqual({
      problem: expect.stringContaining('gpu.product'),
    });
    expect(replayTargetFromPlan(plan, { product: 'NVIDIA-L4' })).toEqual({
      problem: expect.stringContaining(
        'time-slicing needs the replicas per physical GPU',
      ),
    });
    const ok = replayTargetFromPlan(plan, {
      product: 'NVIDIA-L4',
      sharedBy: 4,
      spot: true,
    });
    expect('target' in ok && ok.target.placement).toMatchObject({
      sharedBy: 4,
      capacity: 'spot',
    });
  });
});
