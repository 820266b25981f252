import type { TritonModelFigures, WorkloadStatus } from '../types/status';
import type { ManifestWorkload } from './manifestWorkloads';

/**
 * A WorkloadStatus for a Deployment read from manifests, as the backend
 * would assemble it before any pod runs; Triton figures carry only the
 * model config (no traffic yet).
 */
export function manifestWorkloadStatus(w: ManifestWorkload): WorkloadStatus {
  const models: TritonModelFigures[] = w.tritonConfigs.map(c => ({
    model: c.model,
    source: 'stats',
    intervalSeconds: 0,
    requestsPerSecond: 0,
    inferencesPerSecond: 0,
    executionsPerSecond: 0,
    batchSizeHistogram: [],
    failuresPerSecond: 0,
    config: c.config,
  }));
  return {
    cluster: w.deployment.meta.cluster,
    kind: 'Deployment',
    namespace: w.deployment.meta.namespace ?? 'default',
    name: w.deployment.meta.name,
    replicas: { current: 0, ready: 0, available: 0, updated: 0 },
    autoscaler: w.autoscaler,
    gpu: w.gpu,
    pods: [],
    ...(models.length ? { triton: { models, errors: [] } } : {}),
    rescaleEvents: [],
    findings: [],
  };
}
