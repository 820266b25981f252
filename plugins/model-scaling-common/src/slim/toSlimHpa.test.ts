import { rawHpa } from './__fixtures__/rawObjects';
import { toSlimHpa } from './toSlimHpa';

describe('toSlimHpa', () => {
  it('reduces an autoscaling/v2 HPA with metrics, behavior and status', () => {
    const hpa = toSlimHpa(rawHpa, 'demo');
    expect(hpa.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'text-classifier',
    });
    expect(hpa.minReplicas).toBe(2);
    expect(hpa.maxReplicas).toBe(20);
    expect(hpa.metrics).toEqual([
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 70 },
        },
      },
      {
        type: 'Resource',
        resource: {
          name: 'memory',
          target: { type: 'Utilization', averageUtilization: 80 },
        },
      },
    ]);
    expect(hpa.behavior?.scaleDown).toEqual({
      stabilizationWindowSeconds: 120,
      selectPolicy: 'Max',
      policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }],
    });
    expect(hpa.status.currentReplicas).toBe(4);
    expect(hpa.status.currentMetrics[0]).toEqual({
      type: 'Resource',
      resource: {
        name: 'cpu',
        current: { averageValue: '412m', averageUtilization: 82 },
      },
    });
    expect(hpa.status.conditions.map(c => c.reason)).toEqual([
      'ReadyForNewScale',
      'ValidMetricFound',
      'DesiredWithinRange',
    ]);
    expect(hpa.status.lastScaleTime).toBe('2026-11-28T09:58:13Z');
  });

  it('reduces External, Pods and Object metrics with quantity strings', () => {
    const hpa = toSlimHpa(
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: {
          name: 'keda-hpa-image-classifier',
          namespace: 'ml-serving',
        },
        spec: {
          scaleTargetRef: { kind: 'Deployment', name: 'image-classifier' },
          maxReplicas: 8,
          metrics: [
            {
              type: 'External',
              external: {
                metric: {
                  name: 's0-prometheus',
                  selector: {
                    matchLabels: {
                      'scaledobject.keda.sh/name': 'image-classifier',
                    },
                  },
                },
                target: { type: 'AverageValue', averageValue: '100' },
              },
            },
            {
              type: 'Pods',
              pods: {
                metric: { name: 'queue_depth' },
                target: { type: 'AverageValue', averageValue: '500m' },
              },
            },
            {
              type: 'Object',
              object: {
                describedObject: {
                  kind: 'Service',
                  name: 'gw',
                  apiVersion: 'v1',
                },
                metric: { name: 'requests-per-second' },
                target: { type: 'Value', value: '2k' },
              },
            },
          ],
        },
        status: {
          currentReplicas: 3,
          desiredReplicas: 3,
          currentMetrics: [
            {
              type: 'External',
              external: {
                metric: { name: 's0-prometheus' },
                current: { averageValue: '96500m' },
              },
            },
          ],
        },
      },
      'demo',
    );
    expect(hpa.minReplicas).toBe(1);
    expect(hpa.metrics[0].external?.target).toEqual({
      type: 'AverageValue',
      averageValue: '100',
    });
    expect(hpa.metrics[0].external?.metric.selector).toBeDefined();
    expect(hpa.metrics[2].object?.describedObject).toEqual({
      kind: 'Service',
      name: 'gw',
      apiVersion: 'v1',
    });
    expect(hpa.status.currentMetrics[0].external?.current.averageValue).toBe(
      '96500m',
    );
    expect(hpa.behavior).toBeUndefined();
  });

  it('turns an autoscaling/v1 HPA into the equivalent v2 CPU metric', () => {
    const hpa = toSlimHpa(
      {
        apiVersion: 'autoscaling/v1',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'old' },
        spec: {
          scaleTargetRef: { kind: 'Deployment', name: 'old' },
          maxReplicas: 5,
          targetCPUUtilizationPercentage: 60,
        },
      },
      'demo',
    );
    expect(hpa.metrics).toEqual([
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 60 },
        },
      },
    ]);
  });

  it('tolerates an HPA without status', () => {
    const { status: _s, ...manifest } = rawHpa;
    const hpa = toSlimHpa(manifest, 'plan');
    expect(hpa.status).toEqual({
      currentReplicas: 0,
      desiredReplicas: 0,
      currentMetrics: [],
      conditions: [],
    });
  });

  it('throws naming the field for invalid values', () => {
    expect(() =>
      toSlimHpa(
        { ...rawHpa, spec: { ...rawHpa.spec, maxReplicas: 'lots' } },
        'demo',
      ),
    ).toThrow('HorizontalPodAutoscaler spec.maxReplicas must be a number');
    expect(() =>
      toSlimHpa(
        {
          ...rawHpa,
          spec: {
            ...rawHpa.spec,
            metrics: [{ type: 'Resource', resource: 'cpu' }],
          },
        },
        'demo',
      ),
    ).toThrow(
      'HorizontalPodAutoscaler spec.metrics[0].resource must be an object',
    );
    expect(() =>
      toSlimHpa({ ...rawHpa, apiVersion: 'autoscaling/v3' }, 'demo'),
    ).toThrow('apiVersion must be one of');
  });
});
