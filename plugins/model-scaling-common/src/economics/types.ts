/*
 * The GPU economics contract: recorded traffic, where a service's GPUs come
 * from, what they cost, and the replay of a service's own traffic with and
 * without a capacity change. Pure data; the functions that compute it live
 * beside this file, the zod schemas that check it at the edges in
 * `schemas.ts`.
 */
import type {
  CapacityModel,
  SimulatorHpaSpec,
  SimulatorKedaSpec,
} from '../simulator/types';

/**
 * Request rate of one service over time, one value per step: requests per
 * second averaged over `[startMs + i × stepSeconds, startMs + (i + 1) × stepSeconds)`.
 * `null` is a gap (nothing was recorded) and is never read as 0.
 */
export interface TrafficSeries {
  /** Start of the first step, epoch milliseconds. */
  startMs: number;
  /** Width of one step in seconds. */
  stepSeconds: number;
  values: (number | null)[];
}

/** One reading of a monotonic counter (a request total), as Prometheus or Triton report it. */
export interface CounterSample {
  /** Epoch milliseconds. */
  tMs: number;
  value: number;
}

/** Why recorded traffic cannot be replayed, or what was done to it; `message` names the rule and the figures. */
export interface TrafficProblem {
  code: 'empty' | 'gaps' | 'too-long' | 'bad-value' | 'bad-step';
  /** `error`: no replay. `info`: replayed, with this caveat. */
  severity: 'error' | 'info';
  message: string;
}

/** GPU sharing modes that hold GPU time (a workload without GPUs costs no GPU-hours). */
export type GpuPlacementSharing = 'exclusive' | 'mig' | 'time-slicing' | 'mps';

/** Capacity type of the nodes a service's pods run on. */
export type CapacityType = 'on-demand' | 'spot';

/** Where one pod's GPU time comes from: what the price and the GPU-hours depend on. */
export interface GpuPlacement {
  /** GPU product as GPU Feature Discovery labels it (`NVIDIA-H100-80GB-HBM3`) or as priced in config. */
  product: string;
  /**
   * Devices each pod requests: whole GPUs (exclusive), MIG slices of
   * `migProfile`, or time-slicing / MPS shares.
   */
  gpusPerPod: number;
  sharing: GpuPlacementSharing;
  /** MIG profile such as `1g.10gb`; required for `mig`. */
  migProfile?: string;
  /** Time-slicing / MPS replicas per physical GPU; required for those modes. */
  sharedBy?: number;
  capacity: CapacityType;
}

/** Price of one GPU-hour of a product, per capacity type. */
export interface GpuPrice {
  onDemand?: number;
  spot?: number;
}

/** `modelScaling.costs`, resolved with defaults (see `resolveCostSettings`). */
export interface CostSettings {
  /** Off by default: no cost is shown until a platform team sets prices. */
  enabled: boolean;
  /** ISO 4217 code, default `USD`. */
  currency: string;
  /** Price per whole-GPU-hour, keyed by GPU product (matched case-insensitively). */
  gpuHourPrices: Record<string, GpuPrice>;
  /** Longest traffic range a replay accepts, days (default 7). */
  maxReplayDays: number;
  /** Largest share of gap steps a replay accepts, percent (default 10). */
  maxGapPercent: number;
  /** Step of recorded traffic and of Prometheus `query_range`, seconds (default 60). */
  stepSeconds: number;
}

/** A money amount, or why there is none. Never a number that looks real when a price is missing. */
export type CostAmount =
  | { amount: number; currency: string }
  | { problem: string };

/** Replica count over time: each point holds until the next, the last until `endSeconds`. Seconds from the start of the traffic. */
export interface ReplicaTimeline {
  points: { t: number; replicas: number }[];
  endSeconds: number;
}

/** GPU utilisation from Triton's compute time over the GPU time held. */
export type UtilisationResult =
  | {
      /** Useful share, 0–1. */
      utilisation: number;
      /** GPU seconds held but not computing. */
      idleSeconds: number;
    }
  | { problem: string };

/** What a replay runs: a service's autoscaler, capacity and GPU placement. */
export interface ReplayTarget {
  autoscaler: SimulatorHpaSpec | SimulatorKedaSpec;
  capacity: CapacityModel;
  /** Seconds from pod creation to Ready. */
  coldStartSeconds: number;
  placement: GpuPlacement;
  /** Latency objective; without it only unserved requests miss the SLO. */
  latencySloMs?: number;
  /**
   * Replicas at the start of the traffic. Default: the steady state for the
   * first recorded load, ceil(load / per-pod request-rate target), within the
   * autoscaler's bounds; for KEDA at least 1 while there is traffic.
   */
  initialReplicas?: number;
}

/** A change to a service's capacity whose saving is replayed. */
export type CapacityChange =
  | {
      /** Triton dynamic batching: more requests per pod (from `adviseBatching` or a measured profile). */
      kind: 'batching';
      maxRpsPerPod: number;
      rpsPerPodAtTarget?: number;
      serviceTimeMs?: number;
      preferredBatchSizes?: number[];
      maxQueueDelayMicroseconds?: number;
    }
  | {
      /** A lower minimum between two UTC hours (e.g. a KEDA cron trigger or a scheduled patch). */
      kind: 'night-min-replicas';
      minReplicas: number;
      fromHourUtc: number;
      toHourUtc: number;
    }
  | {
      /** KEDA `minReplicaCount: 0` with an activation threshold (bursty traffic). */
      kind: 'scale-to-zero';
      activationThreshold?: number;
      cooldownPeriod?: number;
    }
  | {
      /** Spot / preemptible GPU nodes (queue work that checkpoints). */
      kind: 'spot';
    }
  | {
      /**
       * A MIG slice instead of a whole GPU (a small model). Without
       * `maxRpsPerPod` a pod serves the slice's compute share of what it
       * served on the whole GPU.
       */
      kind: 'mig-slice';
      migProfile: string;
      maxRpsPerPod?: number;
    }
  | {
      /** A shorter `behavior.scaleDown.stabilizationWindowSeconds`. */
      kind: 'scale-down-window';
      stabilizationWindowSeconds: number;
    };

/** One recommendation that changes capacity, as findings and advice produce them. */
export interface CapacityRecommendation {
  /** Stable id, e.g. `scale-down-window`. */
  id: string;
  /** One line, plain words. */
  title: string;
  /** The finding it belongs to, when there is one. */
  findingId?: string;
  change: CapacityChange;
}

/** GPU-hours used against needed, per bucket (an hour by default), for a trend chart. */
export interface GpuHoursBucket {
  /** Start of the bucket, seconds from the start of the traffic. */
  t: number;
  used: number;
  /** What serving the bucket's load needs at full per-pod capacity, no minimum. */
  needed: number;
}

/** A replay of recorded traffic through the autoscaler simulator. */
export interface ReplayResult {
  durationSeconds: number;
  /** Whole-GPU-equivalent hours held by the service's pods (starting pods included). */
  gpuHours: number;
  /** GPU-hours the load needed at full per-pod capacity. */
  gpuHoursNeeded: number;
  /** The same, scaled to one day. */
  gpuHoursPerDay: number;
  podHours: number;
  cost: CostAmount;
  costPerDay: CostAmount;
  /** Minutes in which some request was unserved or the latency estimate exceeded the SLO. */
  sloMinutesMissed: number;
  unservedRequests: number;
  totalRequests: number;
  replicaTimeline: ReplicaTimeline;
  buckets: GpuHoursBucket[];
  /** Gap steps bridged by interpolation (a replay refuses more than `maxGapPercent`). */
  gapSteps: number;
  /** Caveats of the traffic, e.g. gaps bridged. */
  notes: string[];
}

/** Baseline against a change, replayed on the same traffic. */
export interface SavingsResult {
  recommendation: CapacityRecommendation;
  baseline: ReplayResult;
  changed: ReplayResult;
  /** Baseline minus changed (positive saves). */
  gpuHoursSaved: number;
  gpuHoursSavedPerDay: number;
  costSaved: CostAmount;
  costSavedPerDay: CostAmount;
  /** True when the change misses the SLO in more minutes, or leaves more requests unserved, than the baseline. */
  breaksSlo: boolean;
  /** `saves` only when it saves GPU-hours and keeps the SLO. */
  verdict: 'saves' | 'breaks-slo' | 'no-saving' | 'not-applicable';
  /** Why, in one sentence with figures. */
  explanation: string;
}
