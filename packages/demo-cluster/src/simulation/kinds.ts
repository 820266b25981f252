import { ResourceType, findResourceType } from '../api/resources';

function type(group: string, version: string, plural: string): ResourceType {
  const t = findResourceType(group, version, plural);
  if (!t) throw new Error(`unknown resource ${group}/${version}/${plural}`);
  return t;
}

/** The resource types the simulation reads and writes. */
export const KINDS = {
  namespaces: type('', 'v1', 'namespaces'),
  nodes: type('', 'v1', 'nodes'),
  pods: type('', 'v1', 'pods'),
  services: type('', 'v1', 'services'),
  events: type('', 'v1', 'events'),
  deployments: type('apps', 'v1', 'deployments'),
  replicaSets: type('apps', 'v1', 'replicasets'),
  hpas: type('autoscaling', 'v2', 'horizontalpodautoscalers'),
  scaledObjects: type('keda.sh', 'v1alpha1', 'scaledobjects'),
};

/** RFC 3339 with seconds, as Kubernetes writes timestamps. */
export function kubeTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
}

/** A Kubernetes quantity string for a number: integers plain, fractions in milli-units. */
export function quantity(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return `${Math.round(value * 1000)}m`;
}
