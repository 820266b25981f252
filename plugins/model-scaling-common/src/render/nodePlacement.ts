import type { ModelServicePlan } from '../plan/planSchema';

interface Expression {
  key: string;
  operator: 'In' | 'Exists';
  values?: string[];
}

/**
 * Spot / preemptible capacity labels of the common node provisioners, with
 * the taint each one puts on spot nodes (EKS managed node groups do not
 * taint them).
 */
export const SPOT_CAPACITY: ReadonlyArray<{
  label: { key: string; value: string };
  taint?: { key: string; value: string };
}> = [
  {
    label: { key: 'karpenter.sh/capacity-type', value: 'spot' },
    taint: { key: 'karpenter.sh/capacity-type', value: 'spot' },
  },
  {
    label: { key: 'cloud.google.com/gke-spot', value: 'true' },
    taint: { key: 'cloud.google.com/gke-spot', value: 'true' },
  },
  { label: { key: 'eks.amazonaws.com/capacityType', value: 'SPOT' } },
  {
    label: { key: 'kubernetes.azure.com/scalesetpriority', value: 'spot' },
    taint: { key: 'kubernetes.azure.com/scalesetpriority', value: 'spot' },
  },
];

const SHARING_STRATEGY = 'nvidia.com/gpu.sharing-strategy';

/**
 * nodeSelector, affinity and tolerations for a plan's GPU and spot needs:
 * whole GPUs only on nodes that do not share them, MPS only where the device
 * plugin runs MPS, time-slicing preferred where GPUs are time-sliced, MIG
 * slices on mixed-strategy nodes, and spot capacity preferred (or required)
 * with the spot taints tolerated.
 */
export function nodePlacement(plan: ModelServicePlan) {
  const nodeSelector: Record<string, string> = {};
  const tolerations: Record<string, string>[] = [];
  const requiredGpu: Expression[] = [];
  const preferred: {
    weight: number;
    preference: { matchExpressions: Expression[] };
  }[] = [];

  const gpu = plan.gpu;
  if (gpu) {
    tolerations.push({
      key: 'nvidia.com/gpu',
      operator: 'Exists',
      effect: 'NoSchedule',
    });
    if (gpu.product) {
      nodeSelector['nvidia.com/gpu.product'] = gpu.product;
    }
    switch (gpu.sharing) {
      case 'exclusive':
        requiredGpu.push({
          key: SHARING_STRATEGY,
          operator: 'In',
          values: ['none'],
        });
        break;
      case 'mps':
        requiredGpu.push({
          key: SHARING_STRATEGY,
          operator: 'In',
          values: ['mps'],
        });
        break;
      case 'time-slicing':
        preferred.push({
          weight: 100,
          preference: {
            matchExpressions: [
              {
                key: SHARING_STRATEGY,
                operator: 'In',
                values: ['time-slicing'],
              },
            ],
          },
        });
        break;
      case 'mig':
        nodeSelector['nvidia.com/mig.strategy'] = 'mixed';
        break;
      default:
        break;
    }
  }

  let requiredTerms: { matchExpressions: Expression[] }[] = requiredGpu.length
    ? [{ matchExpressions: requiredGpu }]
    : [];
  if (plan.spot) {
    for (const { taint } of SPOT_CAPACITY) {
      if (taint) {
        tolerations.push({
          key: taint.key,
          operator: 'Equal',
          value: taint.value,
          effect: 'NoSchedule',
        });
      }
    }
    const spotExpressions: Expression[] = SPOT_CAPACITY.map(({ label }) => ({
      key: label.key,
      operator: 'In',
      values: [label.value],
    }));
    if (plan.spot.required) {
      // Terms are ORed; each carries the GPU expressions too, since those must always hold.
      requiredTerms = spotExpressions.map(e => ({
        matchExpressions: [e, ...requiredGpu],
      }));
    } else {
      for (const e of spotExpressions) {
        preferred.push({ weight: 50, preference: { matchExpressions: [e] } });
      }
    }
  }

  const nodeAffinity: Record<string, unknown> = {};
  if (requiredTerms.length) {
    nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
      nodeSelectorTerms: requiredTerms,
    };
  }
  if (preferred.length) {
    nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution = preferred;
  }
  return {
    ...(Object.keys(nodeSelector).length ? { nodeSelector } : {}),
    ...(Object.keys(nodeAffinity).length ? { affinity: { nodeAffinity } } : {}),
    ...(tolerations.length ? { tolerations } : {}),
  };
}
