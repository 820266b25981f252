import { SlimPod } from '@internal/plugin-model-scaling-common';
import { WorkloadObjects } from '../EntityStatus/findWorkloads';
import { podProxyPath, podRunsTriton, tritonTargets } from './tritonTargets';

const pod = (
  name: string,
  p: Partial<SlimPod> = {},
  image = 'nvcr.io/nvidia/tritonserver:25.10-py3',
  ports = [8000],
): SlimPod => ({
  kind: 'Pod',
  meta: {
    cluster: 'demo',
    namespace: 'ml',
    name,
    uid: `uid-${name}`,
    labels: {},
    annotations: {},
  },
  phase: 'Running',
  ready: true,
  restartCount: 0,
  conditions: [],
  spec: {
    containers: [
      { name: 'c', image, requests: {}, limits: {}, ports, args: [], env: {} },
    ],
    nodeSelector: {},
    tolerations: [],
    requiredNodeLabels: {},
    preferredNodeLabels: {},
  },
  ...p,
});

const workload = (pods: SlimPod[]): WorkloadObjects => ({
  cluster: 'demo',
  deployment: { meta: { namespace: 'ml', name: 'svc' } } as any,
  replicaSets: [],
  pods,
  nodes: [],
  hpas: [],
  scaledObjects: [],
  events: [],
});

describe('tritonTargets', () => {
  it('detects Triton by image or metrics port', () => {
    expect(podRunsTriton(pod('a'))).toBe(true);
    expect(podRunsTriton(pod('b', {}, 'my/server:1', [8002]))).toBe(true);
    expect(podRunsTriton(pod('c', {}, 'my/server:1', [8080]))).toBe(false);
  });

  it('takes Running, Ready, not-terminating Triton pods', () => {
    const targets = tritonTargets(
      [
        workload([
          pod('ok'),
          pod('pending', { phase: 'Pending', ready: false }),
          pod('loading', { ready: false }),
          pod('leaving', { deletionTimestamp: '2026-01-01T00:00:00Z' }),
          pod('cpu', {}, 'my/server:1', [8080]),
        ]),
      ],
      [],
    );
    expect(targets).toEqual([
      {
        cluster: 'demo',
        namespace: 'ml',
        pod: 'ok',
        podUid: 'uid-ok',
        workload: 'demo/ml/svc',
        models: [],
      },
    ]);
  });

  it('takes every ready pod when the entity names Triton models', () => {
    const targets = tritonTargets(
      [workload([pod('cpu', {}, 'my/server:1', [8080])])],
      ['m'],
    );
    expect(targets.map(t => [t.pod, t.models])).toEqual([['cpu', ['m']]]);
  });

  it('builds pod proxy paths', () => {
    expect(podProxyPath('ml', 'p-1', 8002, '/metrics')).toBe(
      '/api/v1/namespaces/ml/pods/p-1:8002/proxy/metrics',
    );
  });
});
