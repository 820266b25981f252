import { schedulePod, usageByNode } from './scheduler';

const node = (
  name: string,
  labels: Record<string, string>,
  capacity: Record<string, string>,
  taints: object[] = [],
) =>
  ({
    metadata: { name, labels },
    spec: { taints },
    status: { allocatable: capacity },
  } as any);
const pod = (spec: object) =>
  ({
    metadata: { name: 'p' },
    spec: { containers: [], ...spec },
    status: { phase: 'Pending' },
  } as any);
const gpuPod = (extra: object = {}) =>
  pod({
    containers: [
      {
        name: 'c',
        resources: {
          requests: { cpu: '1', 'nvidia.com/gpu': '1' },
          limits: { 'nvidia.com/gpu': '1' },
        },
      },
    ],
    tolerations: [
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
    ],
    ...extra,
  });

describe('schedulePod', () => {
  const nodes = [
    node('cpu', { kind: 'cpu' }, { cpu: '16', memory: '64Gi', pods: '110' }),
    node(
      'gpu',
      { kind: 'gpu' },
      { cpu: '16', memory: '64Gi', pods: '110', 'nvidia.com/gpu': '1' },
      [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
    ),
    node(
      'spot',
      { kind: 'gpu', 'karpenter.sh/capacity-type': 'spot' },
      { cpu: '16', pods: '110', 'nvidia.com/gpu': '4' },
      [
        {
          key: 'karpenter.sh/capacity-type',
          value: 'spot',
          effect: 'NoSchedule',
        },
      ],
    ),
  ];

  it('binds to a node that fits, honouring taints, selectors and affinity', () => {
    expect(schedulePod(gpuPod(), nodes, new Map())).toEqual({
      bound: true,
      nodeName: 'gpu',
    });
    const spotPod = gpuPod({
      tolerations: [
        { key: 'nvidia.com/gpu', operator: 'Exists' },
        {
          key: 'karpenter.sh/capacity-type',
          operator: 'Equal',
          value: 'spot',
          effect: 'NoSchedule',
        },
      ],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  {
                    key: 'karpenter.sh/capacity-type',
                    operator: 'In',
                    values: ['spot'],
                  },
                ],
              },
            ],
          },
        },
      },
    });
    expect(schedulePod(spotPod, nodes, new Map())).toEqual({
      bound: true,
      nodeName: 'spot',
    });
  });

  it('explains why nothing fits in kube-scheduler words', () => {
    const busy = usageByNode([
      {
        spec: {
          nodeName: 'gpu',
          containers: [{ resources: { requests: { 'nvidia.com/gpu': '1' } } }],
        },
        status: { phase: 'Running' },
      } as any,
    ]);
    const result = schedulePod(
      gpuPod({ nodeSelector: { kind: 'gpu' } }),
      nodes,
      busy,
    );
    expect(result).toEqual({
      bound: false,
      message:
        "0/3 nodes are available: 1 Insufficient nvidia.com/gpu, 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {karpenter.sh/capacity-type: spot}. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    });
  });
});
