import type {
  Finding,
  GpuSharing,
  PatternId,
  SlimDeployment,
  SlimHpa,
  SlimNode,
  SlimPod,
  SlimPodSpec,
  SlimRescaleEvent,
  SlimScaledObject,
  TritonModelConfig,
  TritonModelFigures,
} from '../types/status';
import type { BatchingAdviceSummary } from './rules/batchingSaving';

/** One sample of a workload's replica count and served request rate (for trend rules). */
export interface ThroughputSample {
  /** ISO-8601 time or epoch milliseconds. */
  at: string | number;
  replicas: number;
  /** Requests served per second by the whole workload. */
  requestsPerSecond: number;
}

/**
 * Everything the findings rules may look at, all optional: a live workload
 * (slim records with status, Triton figures) and a plan's rendered
 * manifests (slim records without status, parsed Triton configs) both fit.
 * Rules that need a missing part simply find nothing.
 */
export interface FindingsInput {
  pattern?: PatternId;
  latencySloMs?: number;
  /** Seconds a scale-from-zero may take; defaults to the bursty preset's budget for the bursty pattern. */
  coldStartBudgetSeconds?: number;
  deployment?: SlimDeployment;
  /** The pod template's spec when there is no Deployment record. */
  podSpec?: SlimPodSpec;
  /** HPAs (all of the namespace is fine: only those targeting the Deployment are used when it is given). */
  hpas?: SlimHpa[];
  scaledObjects?: SlimScaledObject[];
  pods?: SlimPod[];
  nodes?: SlimNode[];
  /** Interpreted GPU sharing; derived from pods/spec and nodes when absent. */
  gpu?: GpuSharing;
  /** Triton figures per model (live). */
  triton?: TritonModelFigures[];
  /** Triton model configs (from `config.pbtxt` or `/config`). */
  tritonConfigs?: { model: string; config: TritonModelConfig }[];
  /** Size of the model's weights in bytes (GPU memory it needs). */
  modelSizeBytes?: number;
  /** Recent `SuccessfulRescale` events. */
  rescaleEvents?: SlimRescaleEvent[];
  /** Replica count and throughput over the last minutes, oldest first or in any order. */
  throughputHistory?: ThroughputSample[];
  /** The batching advisor's answers per Triton model (computed by the caller on a measured profile). */
  batchingAdvice?: BatchingAdviceSummary[];
  /** Evaluation time (default: now). */
  now?: string | number | Date;
}

/** Derived facts shared by the rules, computed once per evaluation. */
export interface FindingsContext {
  input: FindingsInput;
  podSpec?: SlimPodSpec;
  /** `Deployment/<name>` when known. */
  workload?: string;
  /** HPAs that target the workload (all given HPAs when there is no Deployment), KEDA's included. */
  hpas: SlimHpa[];
  /** Of those, the ones no ScaledObject owns. */
  independentHpas: SlimHpa[];
  /** ScaledObjects that target the workload (all given when there is no Deployment). */
  scaledObjects: SlimScaledObject[];
  /** The HPA KEDA made for a ScaledObject, by ScaledObject name. */
  kedaHpaOf: Map<string, SlimHpa>;
  gpu: GpuSharing;
  usesGpu: boolean;
  pods: SlimPod[];
  tritonConfigs: { model: string; config: TritonModelConfig }[];
  nowMs: number;
}

/** One pitfall check. `evaluate` returns no findings when the input does not show the problem. */
export interface FindingRule {
  id: string;
  /** What the rule checks, one line. */
  description: string;
  evaluate(ctx: FindingsContext): Finding[];
}
