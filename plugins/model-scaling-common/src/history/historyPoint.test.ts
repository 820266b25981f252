import fc from 'fast-check';
import {
  rawDeployment,
  rawHpa,
  rawScaledObject,
} from '../slim/__fixtures__/rawObjects';
import { toSlimDeployment } from '../slim/toSlimDeployment';
import { toSlimHpa } from '../slim/toSlimHpa';
import { toSlimScaledObject } from '../slim/toSlimScaledObject';
import { resnetTritonView as triton } from '../slim/__fixtures__/tritonView';
import { WorkloadStatus } from '../types/status';
import { buildWorkloadStatus } from '../workload/buildWorkloadStatus';
import { historyPointFromStatus, historyStatusOf } from './historyPoint';

const status = (over: Partial<WorkloadStatus>): WorkloadStatus =>
  ({
    cluster: 'c',
    kind: 'Deployment',
    namespace: 'ml',
    name: 'w',
    replicas: { spec: 3, current: 3, ready: 2, available: 2, updated: 3 },
    autoscaler: { type: 'none', conflicting: [] },
    pods: [],
    rescaleEvents: [],
    findings: [],
    ...over,
  } as WorkloadStatus);

describe('historyPointFromStatus', () => {
  it('records desired from the autoscaler, metrics against targets, Triton with latency', () => {
    const point = historyPointFromStatus(
      status({
        autoscaler: {
          type: 'hpa',
          conflicting: [],
          hpa: {
            desiredReplicas: 5,
            metrics: [
              {
                name: 'cpu',
                sourceType: 'Resource',
                targetType: 'Utilization',
                target: 70,
                current: 91,
              },
              {
                name: 's0-prometheus',
                sourceType: 'External',
                targetType: 'AverageValue',
                target: 100,
              },
            ],
          } as never,
        },
        triton: {
          errors: [],
          models: [
            {
              model: 'resnet50',
              source: 'stats',
              intervalSeconds: 15,
              requestsPerSecond: 120,
              inferencesPerSecond: 120,
              executionsPerSecond: 60,
              averageBatchSize: 2,
              batchSizeHistogram: [],
              failuresPerSecond: 0,
            },
          ],
        },
      }),
      {
        latency: [{ model: 'resnet50', p50LatencyMs: 3, p99LatencyMs: 12 }],
        throughput: { replicas: 3, requestsPerSecond: 120 },
      },
    );
    expect(point).toEqual({
      replicas: { desired: 5, current: 3, ready: 2 },
      metrics: [
        { name: 'cpu', unit: '%', target: 70, v: 91 },
        { name: 's0-prometheus', unit: 'per pod', target: 100 },
      ],
      triton: [
        {
          model: 'resnet50',
          requestsPerSecond: 120,
          averageBatchSize: 2,
          p50LatencyMs: 3,
          p99LatencyMs: 12,
        },
      ],
      throughput: { replicas: 3, requestsPerSecond: 120 },
    });
  });

  it('falls back to the spec replicas without an autoscaler', () => {
    expect(historyPointFromStatus(status({})).replicas).toEqual({
      desired: 3,
      current: 3,
      ready: 2,
    });
  });
});

describe('historyStatusOf', () => {
  const C = 'demo';
  const retarget = (
    raw: any,
    name: string,
    target: string,
    namespace?: string,
  ) => ({
    ...raw,
    metadata: {
      ...raw.metadata,
      name,
      ...(namespace && { namespace }),
    },
    spec: {
      ...raw.spec,
      scaleTargetRef: { ...raw.spec.scaleTargetRef, name: target },
    },
  });
  const deployments = [
    toSlimDeployment(rawDeployment, C),
    toSlimDeployment(
      {
        ...rawDeployment,
        spec: { ...rawDeployment.spec, replicas: undefined },
      },
      C,
    ),
  ];
  const hpas = [
    toSlimHpa(rawHpa, C),
    toSlimHpa(retarget(rawHpa, 'image-classifier', 'image-classifier'), C),
    toSlimHpa(retarget(rawHpa, 'image-classifier-b', 'image-classifier'), C),
    toSlimHpa(
      retarget(rawHpa, 'elsewhere', 'image-classifier', 'other-namespace'),
      C,
    ),
    toSlimHpa(
      {
        ...retarget(rawHpa, 'keda-hpa-image-classifier', 'image-classifier'),
        metadata: {
          name: 'keda-hpa-image-classifier',
          namespace: 'ml-serving',
          labels: { 'scaledobject.keda.sh/name': 'image-classifier' },
        },
      },
      C,
    ),
  ];
  const scaledObjects = [
    toSlimScaledObject(rawScaledObject, C),
    toSlimScaledObject(
      retarget(rawScaledObject, 'text-classifier', 'text-classifier'),
      C,
    ),
  ];

  it('gives the point of the full status for any mix of autoscalers', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...deployments),
        fc.subarray(hpas),
        fc.subarray(scaledObjects),
        fc.boolean(),
        (deployment, someHpas, someScaledObjects, withTriton) => {
          const input = {
            deployment,
            hpas: someHpas,
            scaledObjects: someScaledObjects,
            ...(withTriton && { triton }),
          };
          const extras = {
            latency: [{ model: 'resnet50', p50LatencyMs: 3, p99LatencyMs: 9 }],
          };
          expect(
            historyPointFromStatus(historyStatusOf(input), extras),
          ).toEqual(
            historyPointFromStatus(
              buildWorkloadStatus({ cluster: C, ...input, now: 0 }),
              extras,
            ),
          );
        },
      ),
    );
  });
});
