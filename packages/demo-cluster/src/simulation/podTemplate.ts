import { parseQuantity } from '@internal/plugin-model-scaling-common';
import type { KubeObject } from '../api/ObjectStore';
import { NAME_ALPHABET } from './rng';

/** FNV-1a 32-bit hash. */
function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const hashes = new WeakMap<object, string>();
const requestsCache = new WeakMap<object, Record<string, number>>();

/** The `pod-template-hash` of a pod template, in the alphabet Kubernetes uses. */
export function podTemplateHash(template: unknown): string {
  const cached =
    typeof template === 'object' && template ? hashes.get(template) : undefined;
  if (cached) return cached;
  let h = fnv32a(JSON.stringify(template));
  let out = '';
  do {
    out += NAME_ALPHABET[h % NAME_ALPHABET.length];
    h = Math.floor(h / NAME_ALPHABET.length);
  } while (h > 0);
  if (typeof template === 'object' && template) hashes.set(template, out);
  return out;
}

/** Sum of the containers' requests of a pod spec, as numbers (cpu in cores, memory in bytes). */
export function podRequests(spec: any): Record<string, number> {
  const cached =
    spec && typeof spec === 'object' ? requestsCache.get(spec) : undefined;
  if (cached) return cached;
  const total: Record<string, number> = {};
  for (const c of spec?.containers ?? []) {
    const requests = {
      ...(c.resources?.limits ?? {}),
      ...(c.resources?.requests ?? {}),
    };
    for (const [name, q] of Object.entries(requests)) {
      total[name] = (total[name] ?? 0) + parseQuantity(String(q));
    }
  }
  if (spec && typeof spec === 'object') requestsCache.set(spec, total);
  return total;
}

/** QoS class of a pod spec, as the API server computes it. */
export function qosClass(spec: any): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: any[] = spec?.containers ?? [];
  const any = containers.some(
    c =>
      Object.keys(c.resources?.requests ?? {}).length ||
      Object.keys(c.resources?.limits ?? {}).length,
  );
  if (!any) return 'BestEffort';
  const guaranteed = containers.every(c => {
    const limits = c.resources?.limits ?? {};
    const requests = c.resources?.requests ?? {};
    return ['cpu', 'memory'].every(
      r =>
        limits[r] !== undefined &&
        (requests[r] === undefined ||
          parseQuantity(String(requests[r])) ===
            parseQuantity(String(limits[r]))),
    );
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** Names of extended GPU resources (`nvidia.com/gpu`, `nvidia.com/mig-1g.18gb`, ...). */
export function gpuResourceNames(requests: Record<string, number>): string[] {
  return Object.keys(requests).filter(
    r => r.startsWith('nvidia.com/') && requests[r] > 0,
  );
}

/** A new Pod of a ReplicaSet, as the ReplicaSet controller creates it (before defaulting by the scheduler). */
export function podFromTemplate(options: {
  replicaSet: KubeObject;
  name: string;
  templateHash: string;
}): KubeObject {
  const rs = options.replicaSet as any;
  const template = rs.spec.template;
  const spec = structuredClone(template.spec ?? {});
  const defaultTolerations = [
    {
      key: 'node.kubernetes.io/not-ready',
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 300,
    },
    {
      key: 'node.kubernetes.io/unreachable',
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 300,
    },
  ];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: options.name,
      generateName: `${rs.metadata.name}-`,
      namespace: rs.metadata.namespace,
      labels: {
        ...(template.metadata?.labels ?? {}),
        'pod-template-hash': options.templateHash,
      },
      ...(template.metadata?.annotations
        ? { annotations: { ...template.metadata.annotations } }
        : {}),
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: rs.metadata.name,
          uid: rs.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      ...spec,
      restartPolicy: spec.restartPolicy ?? 'Always',
      terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
      dnsPolicy: spec.dnsPolicy ?? 'ClusterFirst',
      serviceAccountName: spec.serviceAccountName ?? 'default',
      schedulerName: spec.schedulerName ?? 'default-scheduler',
      enableServiceLinks: spec.enableServiceLinks ?? true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      tolerations: [...(spec.tolerations ?? []), ...defaultTolerations],
    },
    status: { phase: 'Pending', qosClass: qosClass(spec) },
  };
}
