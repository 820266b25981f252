import type { SlimNode, SlimPodSpec } from '../types/status';
import {
  isSpotNode,
  nodeSpotLabel,
  podSpecSpotLabel,
  spotCapacityLabel,
} from './spot';

function node(
  labels: Record<string, string>,
  taints: SlimNode['taints'] = [],
): SlimNode {
  return {
    kind: 'Node',
    meta: { cluster: 'c', name: 'n', labels, annotations: {} },
    capacity: {},
    allocatable: {},
    ready: true,
    unschedulable: false,
    taints,
  };
}

describe('spot detection', () => {
  it.each([
    [{ 'cloud.google.com/gke-spot': 'true' }, 'cloud.google.com/gke-spot=true'],
    [
      { 'cloud.google.com/gke-preemptible': 'true' },
      'cloud.google.com/gke-preemptible=true',
    ],
    [
      { 'eks.amazonaws.com/capacityType': 'SPOT' },
      'eks.amazonaws.com/capacityType=SPOT',
    ],
    [
      { 'karpenter.sh/capacity-type': 'spot' },
      'karpenter.sh/capacity-type=spot',
    ],
    [
      { 'kubernetes.azure.com/scalesetpriority': 'spot' },
      'kubernetes.azure.com/scalesetpriority=spot',
    ],
  ])('recognises %j', (labels, label) => {
    expect(isSpotNode(node(labels))).toBe(true);
    expect(nodeSpotLabel(node(labels))).toBe(label);
  });

  it.each([
    [{ 'eks.amazonaws.com/capacityType': 'ON_DEMAND' }],
    [{ 'eks.amazonaws.com/capacityType': 'CAPACITY_BLOCK' }],
    [{ 'karpenter.sh/capacity-type': 'on-demand' }],
    [{ 'karpenter.sh/capacity-type': 'reserved' }],
    [{ 'cloud.google.com/gke-spot': 'false' }],
    [{}],
  ])('does not flag %j', labels => {
    expect(isSpotNode(node(labels))).toBe(false);
  });

  it('recognises the AKS spot taint alone', () => {
    expect(
      nodeSpotLabel(
        node({}, [
          {
            key: 'kubernetes.azure.com/scalesetpriority',
            value: 'spot',
            effect: 'NoSchedule',
          },
        ]),
      ),
    ).toBe('kubernetes.azure.com/scalesetpriority=spot');
  });

  it('finds spot targeting in a pod spec', () => {
    const spec: SlimPodSpec = {
      containers: [],
      nodeSelector: {},
      tolerations: [],
      requiredNodeLabels: {},
      preferredNodeLabels: { 'karpenter.sh/capacity-type': 'spot' },
    };
    expect(podSpecSpotLabel(spec)).toBe('karpenter.sh/capacity-type=spot');
    expect(
      podSpecSpotLabel({ ...spec, preferredNodeLabels: {} }),
    ).toBeUndefined();
    expect(spotCapacityLabel({ 'cloud.google.com/gke-spot': 'TRUE' })).toBe(
      'cloud.google.com/gke-spot=TRUE',
    );
  });
});
