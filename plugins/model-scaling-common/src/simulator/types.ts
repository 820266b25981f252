import type {
  HpaBehavior,
  HpaMetricSpec,
  KedaFallback,
  KedaTrigger,
} from '../types/status';

/** One point of a load curve: requests (or messages) per second at `t` seconds; linear in between. */
export interface LoadPoint {
  t: number;
  rps: number;
}

/** The HPA part the simulator needs; a `SlimHpa` fits. */
export interface SimulatorHpaSpec {
  kind: 'HorizontalPodAutoscaler';
  minReplicas?: number;
  maxReplicas: number;
  /** Empty or missing: CPU utilization 80 %, the API default. */
  metrics?: HpaMetricSpec[];
  behavior?: HpaBehavior;
}

/** The ScaledObject part the simulator needs; a `SlimScaledObject` fits. */
export interface SimulatorKedaSpec {
  kind: 'ScaledObject';
  minReplicaCount?: number;
  maxReplicaCount?: number;
  idleReplicaCount?: number;
  cooldownPeriod?: number;
  initialCooldownPeriod?: number;
  pollingInterval?: number;
  fallback?: KedaFallback;
  hpaBehavior?: HpaBehavior;
  triggers: KedaTrigger[];
}

/**
 * How load turns into the autoscaler's metrics, per pod.
 *
 * - `rpsPerPodAtTarget`: the per-pod load at which a metric sits exactly at
 *   its target; every metric without a model of its own scales with it.
 * - `cpu`: CPU usage = idle + millicores per request/s (up to `maxRpsPerPod`),
 *   against the pod's CPU request — for CPU metrics.
 * - `memoryUtilizationPercent`: memory rarely follows load; a constant.
 * - `maxRpsPerPod`: what one ready pod can serve; beyond it load is unserved.
 *   For queue triggers (kafka, SQS, …) it is the consume rate, and the
 *   trigger's metric is the backlog that builds up.
 * - `serviceTimeMs`: a request's time at low load, for a latency estimate.
 *
 * External and Object metrics without `rpsPerPodAtTarget` are taken as the
 * request rate itself (total for AverageValue, per ready pod for Value), as a
 * Prometheus request-rate query reports it.
 */
export interface CapacityModel {
  rpsPerPodAtTarget?: number;
  cpu?: {
    millicoresPerRps: number;
    idleMillicores?: number;
    requestMillicores: number;
  };
  memoryUtilizationPercent?: number;
  maxRpsPerPod?: number;
  serviceTimeMs?: number;
}

/** A window in which metrics cannot be read (all, or the named ones: `cpu`, `s0-prometheus`, …). */
export interface MetricFailureWindow {
  from: number;
  to: number;
  metrics?: string[];
}

/** Input of `simulateAutoscaler`. Times in seconds from 0. */
export interface SimulationInput {
  autoscaler: SimulatorHpaSpec | SimulatorKedaSpec;
  load: LoadPoint[];
  capacity: CapacityModel;
  /** Seconds from pod creation to Ready. */
  coldStartSeconds: number;
  /** Default: the last load point's time. */
  durationSeconds?: number;
  /** Replicas at t = 0 (ready). Default: the autoscaler's minimum (KEDA: idle or min). */
  initialReplicas?: number;
  metricFailures?: MetricFailureWindow[];
  /**
   * The ScaledObject's status at t = 0, in seconds relative to t = 0 (may be
   * negative): `createdAt` (default 0, a new ScaledObject) for
   * `initialCooldownPeriod`, `lastActiveTime` (default: never active).
   */
  kedaStatus?: { createdAt?: number; lastActiveTime?: number };
  /**
   * How old the resource metrics (CPU, memory) are when the HPA reads them:
   * metrics-server reports usage averaged over its last scrape interval
   * (`--metric-resolution`, 15 s by default in kwok, 60 s upstream), so the HPA
   * sees the load and the pods of that long ago; a pod younger than this has
   * no sample yet (the HPA's missing-metrics rule). Default 0.
   */
  resourceMetricsDelaySeconds?: number;
  /** HPA sync period, default 15 s. */
  syncPeriodSeconds?: number;
  /** Controller tolerance, default 0.1. */
  tolerance?: number;
  /** Controller downscale stabilization, default 300 s. */
  downscaleStabilizationSeconds?: number;
}

/** One HPA sync of the timeline. */
export interface SimulationPoint {
  t: number;
  load: number;
  /** The workload's replica count after this sync (what the autoscaler wants). */
  desiredReplicas: number;
  readyReplicas: number;
  /** Load per ready pod; undefined while no pod is ready. */
  perPodLoad?: number;
  /** Load that ready pods cannot serve (all of it while none is ready). */
  unservedRps: number;
  /** Queue backlog for queue triggers. */
  backlog?: number;
  /** Estimated latency (ms) when the capacity model has a service time; undefined when saturated. */
  latencyMs?: number;
}

/** Options of `simulateAutoscaler`. */
export interface SimulateOptions {
  /**
   * Receives each HPA sync's point instead of the result's `timeline`,
   * which stays empty. The point is one object updated in place for every
   * sync (fields without a value are `undefined`): read it during the call,
   * copy what must be kept. For callers that only add the points up, such
   * as the fleet what-if, so a simulated day keeps nothing per sync.
   */
  onPoint?: (point: Readonly<SimulationPoint>) => void;
}

/** A change of the replica count and who made it. */
export interface SimulationScaleEvent {
  t: number;
  from: number;
  to: number;
  by: 'hpa' | 'keda';
  reason: string;
}

/** Output of `simulateAutoscaler`. */
export interface SimulationResult {
  timeline: SimulationPoint[];
  events: SimulationScaleEvent[];
  summary: {
    maxReplicas: number;
    /** Integral of existing pods over time: cost, in pod-seconds. */
    podSeconds: number;
    /** Requests that found no ready capacity. */
    unservedRequests: number;
    /** Seconds in which some load was unserved. */
    secondsUnderProvisioned: number;
    scaleEvents: number;
  };
}
