import {
  mergeTritonFigures,
  TritonView,
} from '@internal/plugin-model-scaling-common';
import { PodTritonResult } from '../TritonCollector/TritonCollector';

/**
 * The Triton part of a workload's status: the per-pod figures merged per
 * model (`mergeTritonFigures`), the newest sample time, and every pod's
 * error listed (never hidden). Undefined when no pod was sampled.
 */
export function tritonView(results: PodTritonResult[]): TritonView | undefined {
  if (results.length === 0) return undefined;
  const models = mergeTritonFigures(results.flatMap(r => r.figures)).sort(
    (a, b) => a.model.localeCompare(b.model),
  );
  const sampledAt = results
    .map(r => r.sampledAt)
    .sort()
    .pop();
  return {
    models,
    ...(sampledAt && { sampledAt }),
    errors: results
      .filter(r => r.error)
      .map(r => ({ pod: r.pod, message: r.error! })),
  };
}
