import { DEFAULT_PATTERN_PRESETS } from '../patterns/presets';
import {
  applyPresetChange,
  changedPresetFields,
  replayedFields,
} from './applyPresetChange';
import type { FleetWhatIfTarget } from './types';

const gpu = DEFAULT_PATTERN_PRESETS['realtime-gpu'];

const kedaTarget: FleetWhatIfTarget = {
  autoscaler: {
    kind: 'ScaledObject',
    minReplicaCount: 1,
    maxReplicaCount: 8,
    cooldownPeriod: 300,
    triggers: [
      {
        type: 'prometheus',
        metadata: { threshold: '100', query: 'q', serverAddress: 'http://p' },
      },
    ],
  },
  capacity: { maxRpsPerPod: 150 },
  coldStartSeconds: 60,
  placement: {
    product: 'NVIDIA-H100-80GB-HBM3',
    gpusPerPod: 1,
    sharing: 'exclusive',
    capacity: 'on-demand',
  },
};

describe('changedPresetFields', () => {
  it('lists the dotted paths of changed leaves, arrays compared whole', () => {
    const after = {
      ...gpu,
      maxReplicas: 12,
      prometheus: { ...gpu.prometheus, threshold: 80 },
      batching: { ...gpu.batching, preferredBatchSizes: [8, 16] },
    };
    expect(changedPresetFields(gpu, after)).toEqual([
      'batching.preferredBatchSizes',
      'maxReplicas',
      'prometheus.threshold',
    ]);
    expect(replayedFields(changedPresetFields(gpu, after))).toEqual({
      replayed: ['maxReplicas', 'prometheus.threshold'],
      notReplayed: ['batching.preferredBatchSizes'],
    });
  });
});

describe('applyPresetChange', () => {
  it('writes KEDA fields the way the golden path renders them', () => {
    const after = {
      ...gpu,
      minReplicas: 0,
      maxReplicas: 12,
      prometheus: { ...gpu.prometheus, threshold: 80, activationThreshold: 5 },
      keda: { pollingInterval: 30, cooldownPeriod: 120 },
      behavior: {
        ...gpu.behavior,
        scaleDownStabilizationWindowSeconds: 30,
        scaleDownPercent: 50,
      },
    };
    const changed = applyPresetChange(kedaTarget, {
      pattern: 'realtime-gpu',
      before: gpu,
      after,
    });
    expect(changed.autoscaler).toEqual({
      kind: 'ScaledObject',
      minReplicaCount: 0,
      maxReplicaCount: 12,
      cooldownPeriod: 120,
      pollingInterval: 30,
      hpaBehavior: {
        scaleUp: {},
        scaleDown: {
          stabilizationWindowSeconds: 30,
          policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }],
        },
      },
      triggers: [
        {
          type: 'prometheus',
          metadata: {
            threshold: '80',
            activationThreshold: '5',
            query: 'q',
            serverAddress: 'http://p',
          },
        },
      ],
    });
    // The original is not touched.
    expect(kedaTarget.autoscaler).toMatchObject({ maxReplicaCount: 8 });
  });

  it('sets the CPU utilization target of an HPA, and its default metric when it has none', () => {
    const cpu = DEFAULT_PATTERN_PRESETS['realtime-cpu'];
    const changed = applyPresetChange(
      {
        autoscaler: { kind: 'HorizontalPodAutoscaler', maxReplicas: 5 },
        capacity: { rpsPerPodAtTarget: 10 },
        coldStartSeconds: 10,
      },
      {
        pattern: 'realtime-cpu',
        before: cpu,
        after: { ...cpu, cpuTargetUtilization: 50, minReplicas: 0 },
      },
    );
    expect(changed.autoscaler).toEqual({
      kind: 'HorizontalPodAutoscaler',
      maxReplicas: 5,
      // An HPA keeps at least one replica.
      minReplicas: 1,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 50 },
          },
        },
      ],
    });
  });

  it('moves a GPU service to spot capacity', () => {
    const a = DEFAULT_PATTERN_PRESETS['async-batch'];
    const changed = applyPresetChange(kedaTarget, {
      pattern: 'async-batch',
      before: { ...a, spot: false },
      after: { ...a, spot: true },
    });
    expect(changed.placement?.capacity).toBe('spot');
  });
});
