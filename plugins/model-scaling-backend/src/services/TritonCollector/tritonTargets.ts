import { SlimPod } from '@internal/plugin-model-scaling-common';
import { WorkloadObjects } from '../EntityStatus/findWorkloads';

/** Triton's HTTP port (stats, config) and its metrics port. */
export const TRITON_HTTP_PORT = 8000;
export const TRITON_METRICS_PORT = 8002;

/** One pod to collect Triton figures from. */
export interface TritonTarget {
  cluster: string;
  namespace: string;
  pod: string;
  /** Changes when the pod is replaced under the same name; resets its samples. */
  podUid?: string;
  /** `<cluster>/<namespace>/<deployment>`. */
  workload: string;
  /** Models to read stats and config of; empty = the models seen in `/metrics`. */
  models: string[];
}

/** The key of a pod in the collector's maps. */
export function podKey(
  cluster: string,
  namespace: string,
  pod: string,
): string {
  return `${cluster}/${namespace}/${pod}`;
}

/** True when a pod runs Triton: a `tritonserver` image or the metrics port 8002. */
export function podRunsTriton(pod: SlimPod): boolean {
  return pod.spec.containers.some(
    c =>
      (c.image ?? '').toLowerCase().includes('tritonserver') ||
      c.ports.includes(TRITON_METRICS_PORT),
  );
}

/**
 * The Running and Ready pods of a model service's workloads to scrape: those
 * that run Triton, or all of them when the entity names its Triton models.
 */
export function tritonTargets(
  workloads: WorkloadObjects[],
  tritonModels: string[],
): TritonTarget[] {
  const targets: TritonTarget[] = [];
  for (const w of workloads) {
    const workload = `${w.cluster}/${w.deployment.meta.namespace}/${w.deployment.meta.name}`;
    for (const pod of w.pods) {
      // Triton answers only once its models are loaded, which is what readiness says.
      if (pod.phase !== 'Running' || !pod.ready || pod.deletionTimestamp)
        continue;
      if (!podRunsTriton(pod) && tritonModels.length === 0) continue;
      targets.push({
        cluster: w.cluster,
        namespace: pod.meta.namespace ?? '',
        pod: pod.meta.name,
        podUid: pod.meta.uid,
        workload,
        models: tritonModels,
      });
    }
  }
  return targets;
}

/** The API server's pod proxy path for a port and a path on the pod. */
export function podProxyPath(
  namespace: string,
  pod: string,
  port: number,
  path: string,
): string {
  return `/api/v1/namespaces/${encodeURIComponent(
    namespace,
  )}/pods/${encodeURIComponent(pod)}:${port}/proxy${path}`;
}
