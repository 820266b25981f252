import type { BatchingAdviceSummary } from '../batching/batchingAdviceSummary';
import type {
  GpuSharing,
  PatternId,
  SlimDeployment,
  SlimHpa,
  SlimNode,
  SlimPod,
  SlimPodSpec,
  SlimReplicaSet,
  SlimRescaleEvent,
  SlimScaledObject,
  TritonModelConfig,
  TritonModelFigures,
} from '../types/status';

/** One sample of a workload's replica count and served request rate (for trend rules). */
export interface ThroughputSample {
  /** ISO-8601 time or epoch milliseconds. */
  at: string | number;
  replicas: number;
  /** Requests served per second by the whole workload. */
  requestsPerSecond: number;
}

/**
 * What a workload model is built from, all optional: a live workload (slim
 * records with status, Triton figures) and a plan's rendered manifests (slim
 * records without status, parsed Triton configs) both fit.
 */
export interface WorkloadModelInput {
  /**
   * True when the record lists hold a whole cluster's or namespace's records:
   * the workload's pods are then picked through its ReplicaSets (or its
   * selector), nodes are those of its cluster and rescale events those of its
   * autoscalers (`events`). Otherwise `pods` and `rescaleEvents` are already
   * the workload's. Needs `deployment`.
   */
  pickWorkloadRecords?: boolean;
  /** Cluster of the events (default: the Deployment's). */
  cluster?: string;
  /** Default: the Deployment's `model-scaling.io/pattern` annotation. */
  pattern?: PatternId;
  /** Default: the Deployment's `model-scaling.io/latency-slo-ms` annotation. */
  latencySloMs?: number;
  /**
   * Seconds a scale-from-zero may take; default: the Deployment's
   * `model-scaling.io/cold-start-budget-seconds` annotation, then the bursty
   * preset's budget for the bursty pattern (in the rule).
   */
  coldStartBudgetSeconds?: number;
  deployment?: SlimDeployment;
  /** The pod template's spec when there is no Deployment record. */
  podSpec?: SlimPodSpec;
  /** HPAs (all of the namespace is fine: only those targeting the Deployment are used when it is given). */
  hpas?: readonly SlimHpa[];
  scaledObjects?: readonly SlimScaledObject[];
  /** ReplicaSets that own pods (with `pickWorkloadRecords`). */
  replicaSets?: readonly SlimReplicaSet[];
  pods?: readonly SlimPod[];
  nodes?: readonly SlimNode[];
  /** Interpreted GPU sharing; derived from pods/spec and nodes when absent. */
  gpu?: GpuSharing;
  /** Triton figures per model (live). */
  triton?: readonly TritonModelFigures[];
  /** Triton model configs (from `config.pbtxt` or `/config`) when they are not on the figures. */
  tritonConfigs?: readonly { model: string; config: TritonModelConfig }[];
  /** Size of the model's weights in bytes (GPU memory it needs). */
  modelSizeBytes?: number;
  /** `SuccessfulRescale` events of the namespace (with `pickWorkloadRecords`). */
  events?: readonly SlimRescaleEvent[];
  /** Recent `SuccessfulRescale` events of the workload's autoscalers. */
  rescaleEvents?: readonly SlimRescaleEvent[];
  /** Replica count and throughput over the last minutes, oldest first or in any order. */
  throughputHistory?: readonly ThroughputSample[];
  /** The batching advisor's answers per Triton model (computed by the caller on a measured profile). */
  batchingAdvice?: readonly BatchingAdviceSummary[];
  /** Evaluation time (default: now). */
  now?: string | number | Date;
}
