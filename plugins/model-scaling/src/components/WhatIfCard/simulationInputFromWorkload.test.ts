import {
  batchEmbedderStatus,
  imageClassifierStatus,
  textClassifierStatus,
} from '../../__fixtures__';
import {
  toMetricSpec,
  whatIfDefaults,
  simulationInputFromWorkload,
} from '@internal/plugin-model-scaling-common';

describe('simulationInputFromWorkload', () => {
  it('rebuilds the HPA with the edited CPU target and window, keeping memory', () => {
    const workload = textClassifierStatus.workloads[0];
    const { model, settings } = whatIfDefaults(workload, {
      pattern: 'realtime-cpu',
    });
    const input = simulationInputFromWorkload(
      workload,
      {
        ...settings,
        target: 50,
        minReplicas: 3,
        maxReplicas: 12,
        scaleDownWindowSeconds: 60,
      },
      model,
    );
    expect(input.autoscaler).toEqual({
      kind: 'HorizontalPodAutoscaler',
      minReplicas: 3,
      maxReplicas: 12,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 50 },
          },
        },
        {
          type: 'Resource',
          resource: {
            name: 'memory',
            target: { type: 'Utilization', averageUtilization: 80 },
          },
        },
      ],
      behavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
    });
    expect(input.capacity).toEqual({
      maxRpsPerPod: 100,
      serviceTimeMs: 20,
      cpu: { requestMillicores: 1000, millicoresPerRps: 10 },
      memoryUtilizationPercent: 46,
    });
    expect(input.durationSeconds).toBe(86400);
    expect(input.coldStartSeconds).toBe(10);
    expect(Math.max(...input.load.map(p => p.rps))).toBe(settings.peakRps);
  });

  it('rebuilds a KEDA ScaledObject with the edited threshold in the trigger metadata', () => {
    const workload = imageClassifierStatus.workloads[0];
    const { model, settings } = whatIfDefaults(workload, {
      pattern: 'realtime-gpu',
    });
    const input = simulationInputFromWorkload(
      workload,
      {
        ...settings,
        target: 150,
      },
      model,
    );
    expect(input.autoscaler).toMatchObject({
      kind: 'ScaledObject',
      minReplicaCount: 1,
      maxReplicaCount: 8,
      cooldownPeriod: 300,
      pollingInterval: 15,
      fallback: { failureThreshold: 3, replicas: 4 },
      hpaBehavior: { scaleDown: { stabilizationWindowSeconds: 120 } },
    });
    const trigger = (input.autoscaler as any).triggers[0];
    expect(trigger.type).toBe('prometheus');
    expect(trigger.metadata.threshold).toBe('150');
    expect(trigger.metadata.activationThreshold).toBe('5');
    // A request-rate metric: no CPU model, the metric is the rate itself.
    expect(input.capacity.cpu).toBeUndefined();
    expect(input.capacity.rpsPerPodAtTarget).toBeUndefined();
  });

  it('writes a kafka target into lagThreshold', () => {
    const workload = batchEmbedderStatus.workloads[0];
    const { model, settings } = whatIfDefaults(workload, {
      pattern: 'async-batch',
    });
    const input = simulationInputFromWorkload(
      workload,
      {
        ...settings,
        target: 1000,
      },
      model,
    );
    const trigger = (input.autoscaler as any).triggers[0];
    expect(trigger.metadata.lagThreshold).toBe('1000');
    expect(trigger.metadata.threshold).toBeUndefined();
    expect(input.capacity.maxRpsPerPod).toBe(83);
  });

  it('proposes a CPU HPA for a workload without an autoscaler', () => {
    const workload = {
      ...textClassifierStatus.workloads[0],
      autoscaler: { type: 'none' as const, conflicting: [] },
    };
    const { model, settings } = whatIfDefaults(workload, {});
    const input = simulationInputFromWorkload(workload, settings, model);
    expect(input.autoscaler).toMatchObject({
      kind: 'HorizontalPodAutoscaler',
      minReplicas: 6,
      maxReplicas: 12,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { averageUtilization: 70 } },
        },
      ],
    });
  });
});

describe('toMetricSpec', () => {
  it('maps each source type and target type', () => {
    expect(
      toMetricSpec(
        {
          name: 's0-prometheus',
          sourceType: 'External',
          targetType: 'AverageValue',
          target: 100,
        },
        120,
      ),
    ).toEqual({
      type: 'External',
      external: {
        metric: { name: 's0-prometheus' },
        target: { type: 'AverageValue', averageValue: '120' },
      },
    });
    expect(
      toMetricSpec(
        {
          name: 'queue',
          sourceType: 'Pods',
          targetType: 'AverageValue',
          target: 5,
        },
        5,
      ),
    ).toEqual({
      type: 'Pods',
      pods: {
        metric: { name: 'queue' },
        target: { type: 'AverageValue', averageValue: '5' },
      },
    });
    expect(
      toMetricSpec(
        { name: 'rps', sourceType: 'Object', targetType: 'Value', target: 5 },
        7,
      ).object?.target,
    ).toEqual({ type: 'Value', value: '7' });
  });
});
