import type { Finding } from '../types/status';
import type {
  WorkloadModel,
  WorkloadModelInput,
} from '../workload/WorkloadModel';

export type { ThroughputSample } from '../workload/WorkloadModel';

/**
 * What the findings are evaluated over when no model was built yet: the
 * input of a {@link WorkloadModel} (a live workload or a plan's manifests).
 * Rules that need a missing part simply find nothing.
 */
export type FindingsInput = WorkloadModelInput;

/** One pitfall check. `evaluate` returns no findings when the model does not show the problem. */
export interface FindingRule {
  id: string;
  /** What the rule checks, one line. */
  description: string;
  evaluate(model: WorkloadModel): Finding[];
}
