import {
  rawDeployment,
  rawGpuNode,
  rawHpa,
  rawPodPending,
  rawPodRunning,
  rawReplicaSet,
  rawRescaleEvent,
  rawScaledObject,
} from '../slim/__fixtures__/rawObjects';
import { toSlimDeployment } from '../slim/toSlimDeployment';
import { toSlimEvent } from '../slim/toSlimEvent';
import { toSlimHpa } from '../slim/toSlimHpa';
import { toSlimNode } from '../slim/toSlimNode';
import { toSlimPod } from '../slim/toSlimPod';
import { toSlimReplicaSet } from '../slim/toSlimReplicaSet';
import { toSlimScaledObject } from '../slim/toSlimScaledObject';
import type { SlimRescaleEvent } from '../types/status';
import { resnetTritonView as triton } from '../slim/__fixtures__/tritonView';
import { buildWorkloadStatus } from './buildWorkloadStatus';

const C = 'demo';
const deployment = toSlimDeployment(rawDeployment, C);
const kedaHpa = toSlimHpa(
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: 'keda-hpa-image-classifier',
      namespace: 'ml-serving',
      labels: { 'scaledobject.keda.sh/name': 'image-classifier' },
    },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'image-classifier',
      },
      minReplicas: 1,
      maxReplicas: 8,
      metrics: [
        {
          type: 'External',
          external: {
            metric: { name: 's0-prometheus' },
            target: { type: 'AverageValue', averageValue: '100' },
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
            current: { averageValue: '93' },
          },
        },
      ],
      conditions: [
        { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound' },
      ],
    },
  },
  C,
);
const event = (
  name: string,
  hpaName: string,
  time: string,
  size: number,
): SlimRescaleEvent =>
  toSlimEvent(
    {
      ...rawRescaleEvent,
      metadata: { name, namespace: 'ml-serving' },
      involvedObject: {
        kind: 'HorizontalPodAutoscaler',
        name: hpaName,
        namespace: 'ml-serving',
      },
      message: `New size: ${size}; reason: external metric s0-prometheus(&LabelSelector{MatchLabels:map[string]string{scaledobject.keda.sh/name: image-classifier,},}) above target`,
      firstTimestamp: time,
      lastTimestamp: time,
    },
    C,
  )!;
const otherPod = toSlimPod(
  {
    ...rawPodRunning,
    metadata: {
      ...rawPodRunning.metadata,
      name: 'text-classifier-5d8-aaaaa',
      labels: { 'app.kubernetes.io/name': 'text-classifier' },
      ownerReferences: [{ kind: 'ReplicaSet', name: 'text-classifier-5d8' }],
    },
  },
  C,
);

describe('buildWorkloadStatus', () => {
  const status = buildWorkloadStatus({
    cluster: C,
    deployment,
    replicaSets: [toSlimReplicaSet(rawReplicaSet, C)],
    pods: [toSlimPod(rawPodRunning, C), toSlimPod(rawPodPending, C), otherPod],
    nodes: [toSlimNode(rawGpuNode, C)],
    hpas: [kedaHpa, toSlimHpa(rawHpa, C)],
    scaledObjects: [toSlimScaledObject(rawScaledObject, C)],
    events: [
      event('e1', 'keda-hpa-image-classifier', '2026-11-28T09:40:00Z', 2),
      event('e2', 'keda-hpa-image-classifier', '2026-11-28T10:05:00Z', 3),
      toSlimEvent(rawRescaleEvent, C)!, // text-classifier's HPA
    ],
    triton,
    pattern: 'realtime-gpu',
    latencySloMs: 20,
    now: '2026-11-28T10:10:00Z',
  });

  it('identifies the workload and its replica counts', () => {
    expect(status).toMatchObject({
      cluster: 'demo',
      kind: 'Deployment',
      namespace: 'ml-serving',
      name: 'image-classifier',
      replicas: { spec: 3, current: 3, ready: 2, available: 2, updated: 3 },
    });
  });

  it('shows KEDA with its HPA and the exclusive H200', () => {
    expect(status.autoscaler.type).toBe('keda');
    expect(status.autoscaler.hpa?.name).toBe('keda-hpa-image-classifier');
    expect(status.autoscaler.conflicting).toEqual([]);
    expect(status.gpu).toMatchObject({
      mode: 'exclusive',
      resourceName: 'nvidia.com/gpu',
      perPod: 1,
      spot: false,
    });
  });

  it('lists only its own pods, with cold start and pending reasons', () => {
    expect(status.pods.map(p => p.name)).toEqual([
      'image-classifier-7d9c6b5f4d-q8w7z',
      'image-classifier-7d9c6b5f4d-x2x9p',
    ]);
    expect(status.pods[1]).toEqual({
      name: 'image-classifier-7d9c6b5f4d-x2x9p',
      phase: 'Running',
      ready: true,
      nodeName: 'gpu-h200-a',
      coldStartSeconds: 92,
      restartCount: 1,
      spot: false,
    });
    expect(status.pods[0]).toMatchObject({
      phase: 'Pending',
      pendingReason: 'Unschedulable',
    });
  });

  it('keeps its HPA’s rescale events, newest first', () => {
    expect(status.rescaleEvents.map(e => [e.time, e.newSize])).toEqual([
      ['2026-11-28T10:05:00Z', 3],
      ['2026-11-28T09:40:00Z', 2],
    ]);
    expect(status.rescaleEvents[0]).toMatchObject({
      object: 'HorizontalPodAutoscaler/keda-hpa-image-classifier',
    });
    expect(status.rescaleEvents[0].reason).toMatch(
      /^external metric s0-prometheus/,
    );
  });

  it('carries the Triton view and evaluates the findings', () => {
    expect(status.triton).toBe(triton);
    expect(status.findings.map(f => f.id)).toEqual([
      'pods-pending-while-scaling',
      'dynamic-batching-ineffective',
    ]);
  });

  it('reads pattern, SLO and cold-start budget from the Deployment’s annotations', () => {
    const annotated = {
      ...deployment,
      meta: {
        ...deployment.meta,
        annotations: {
          'model-scaling.io/pattern': 'bursty',
          'model-scaling.io/cold-start-budget-seconds': '60',
        },
      },
    };
    const so = toSlimScaledObject(
      {
        ...rawScaledObject,
        spec: { ...rawScaledObject.spec, minReplicaCount: 0 },
      },
      C,
    );
    const s = buildWorkloadStatus({
      cluster: C,
      deployment: annotated,
      pods: [toSlimPod(rawPodRunning, C)],
      scaledObjects: [so],
      hpas: [kedaHpa],
    });
    expect(s.findings.find(f => f.id === 'cold-start-over-budget')?.title).toBe(
      'Cold start of 92 s exceeds the 60 s budget of a scale-to-zero workload',
    );
  });

  it('works for a Deployment with nothing else known', () => {
    const s = buildWorkloadStatus({ cluster: C, deployment });
    expect(s).toMatchObject({
      pods: [],
      rescaleEvents: [],
      autoscaler: { type: 'none', conflicting: [] },
      findings: [],
    });
    expect(s.gpu.mode).toBe('exclusive');
  });
});
