import type { SlimNode, SlimPodSpec } from '../types/status';

/**
 * Node labels that mark spot / preemptible capacity, per platform:
 * GKE, EKS managed node groups, Karpenter and AKS. Values compare case-insensitively.
 */
export const SPOT_NODE_LABELS: ReadonlyArray<{
  platform: string;
  key: string;
  spotValues: readonly string[];
}> = [
  { platform: 'GKE', key: 'cloud.google.com/gke-spot', spotValues: ['true'] },
  {
    platform: 'GKE',
    key: 'cloud.google.com/gke-preemptible',
    spotValues: ['true'],
  },
  {
    platform: 'EKS',
    key: 'eks.amazonaws.com/capacityType',
    spotValues: ['spot'],
  },
  {
    platform: 'Karpenter',
    key: 'karpenter.sh/capacity-type',
    spotValues: ['spot'],
  },
  {
    platform: 'AKS',
    key: 'kubernetes.azure.com/scalesetpriority',
    spotValues: ['spot'],
  },
];

/** The `key=value` label that marks spot capacity among `labels`, if any. */
export function spotCapacityLabel(
  labels: Record<string, string>,
): string | undefined {
  for (const { key, spotValues } of SPOT_NODE_LABELS) {
    const value = labels[key];
    if (value !== undefined && spotValues.includes(value.toLowerCase())) {
      return `${key}=${value}`;
    }
  }
  return undefined;
}

/** The AKS spot taint (`kubernetes.azure.com/scalesetpriority=spot:NoSchedule`) as a label string, if present. */
function spotTaint(node: Pick<SlimNode, 'taints'>): string | undefined {
  const taint = node.taints?.find(
    t =>
      t.key === 'kubernetes.azure.com/scalesetpriority' &&
      t.value?.toLowerCase() === 'spot',
  );
  return taint ? `${taint.key}=${taint.value}` : undefined;
}

/** The label (or AKS taint) that makes `node` spot / preemptible capacity, if any. */
export function nodeSpotLabel(
  node: Pick<SlimNode, 'meta' | 'taints'>,
): string | undefined {
  return spotCapacityLabel(node.meta.labels) ?? spotTaint(node);
}

/** True when the node is spot or preemptible capacity (GKE, EKS, Karpenter or AKS labels). */
export function isSpotNode(node: Pick<SlimNode, 'meta' | 'taints'>): boolean {
  return nodeSpotLabel(node) !== undefined;
}

/**
 * The spot label a pod spec selects or prefers through `nodeSelector` or node
 * affinity, if any — so a plan or manifest that targets spot capacity is
 * recognised before any pod runs.
 */
export function podSpecSpotLabel(spec: SlimPodSpec): string | undefined {
  return (
    spotCapacityLabel(spec.nodeSelector) ??
    spotCapacityLabel(spec.requiredNodeLabels) ??
    spotCapacityLabel(spec.preferredNodeLabels)
  );
}
