import { isQueueTrigger } from '../status/kedaTriggers';
import type {
  AutoscalerMetricView,
  PatternId,
  WorkloadStatus,
} from '../types/status';
import { LoadShape } from './loadShapes';

/**
 * How load turns into the autoscaler's metric:
 * - `cpu`: CPU utilization, from a per-pod capacity at 100 % of the CPU request;
 * - `rate`: a request-rate metric (KEDA prometheus, External/Pods metrics);
 * - `queue`: a backlog trigger (kafka lag, SQS length) worked off at a consume rate.
 */
export type CapacityKind = 'cpu' | 'rate' | 'queue';

/** What the what-if lets a person change. */
export interface WhatIfSettings {
  shape: LoadShape;
  /** Peak requests (or messages) per second of the day. */
  peakRps: number;
  minReplicas: number;
  maxReplicas: number;
  /**
   * The target of the primary metric: utilization percent for CPU, the
   * trigger threshold (per pod) for KEDA, the AverageValue for other metrics.
   */
  target: number;
  scaleDownWindowSeconds: number;
  /** Requests/s one pod serves at full capacity (consume rate for queues). */
  podCapacityRps: number;
  /** A request's time at low load, ms. */
  serviceTimeMs: number;
  coldStartSeconds: number;
}

/** What the live workload says about how to simulate it. */
export interface WhatIfModel {
  kind: CapacityKind;
  autoscaler: 'hpa' | 'keda' | 'none';
  /** Index in `hpa.metrics` (HPA) or `keda.triggers` (KEDA) of the metric the target edits. */
  primaryIndex: number;
  /** Label of the target field, e.g. `CPU target (%)`. */
  targetLabel: string;
  /** The live load estimate the defaults start from, req/s; undefined when unknown. */
  liveLoadRps?: number;
}

/** What the service's catalog entity or manifests say beside its live status. */
export interface WhatIfContext {
  pattern?: PatternId;
  latencySloMs?: number;
  /** The cold start to assume while no pod has a measured one. */
  coldStartBudgetSeconds?: number;
}

const DEFAULT_POD_CAPACITY_RPS = 100;
const DEFAULT_COLD_START_SECONDS = 30;
const DEFAULT_CPU_TARGET = 70;
const DEFAULT_SERVICE_TIME_MS = 20;

function median(values: number[]): number | undefined {
  if (values.length === 0) {
    return undefined;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Rounds to two significant digits, so defaults look chosen rather than computed. */
export function roundNice(value: number): number {
  if (!(value > 0)) {
    return 0;
  }
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 1);
  return Math.round(value / magnitude) * magnitude;
}

function isCpu(metric: AutoscalerMetricView): boolean {
  return metric.sourceType === 'Resource' && metric.name === 'cpu';
}

function shapeFor(pattern: PatternId | undefined): LoadShape {
  return pattern === 'bursty' ? 'bursty' : 'diurnal';
}

/**
 * Starting values for the what-if from the live workload: its autoscaler
 * settings, the live load (Triton request rate, or the metric times the ready
 * pods), a pod's capacity (Triton compute time and batch size, or the consume
 * rate of a queue worker) and the measured cold start (else the context's
 * budget).
 */
export function whatIfDefaults(
  workload: WorkloadStatus,
  context: WhatIfContext,
): { settings: WhatIfSettings; model: WhatIfModel } {
  const { autoscaler, replicas, triton } = workload;
  const ready = Math.max(1, replicas.ready);
  const tritonRps = triton?.models.reduce(
    (sum, m) => sum + m.requestsPerSecond,
    0,
  );
  const coldStart =
    median(
      workload.pods
        .map(p => p.coldStartSeconds)
        .filter((s): s is number => typeof s === 'number'),
    ) ??
    context.coldStartBudgetSeconds ??
    DEFAULT_COLD_START_SECONDS;

  let model: WhatIfModel;
  let target: number;
  let minReplicas: number;
  let maxReplicas: number;
  const keda = autoscaler.type === 'keda' ? autoscaler.keda : undefined;
  const hpa = autoscaler.hpa;
  if (keda && keda.triggers.length > 0) {
    const trigger = keda.triggers[0];
    let kind: CapacityKind = 'rate';
    if (isQueueTrigger(trigger.type)) {
      kind = 'queue';
    } else if (trigger.type === 'cpu') {
      kind = 'cpu';
    }
    target = trigger.threshold ?? (kind === 'cpu' ? DEFAULT_CPU_TARGET : 100);
    minReplicas = keda.minReplicaCount;
    maxReplicas = keda.maxReplicaCount;
    model = {
      kind,
      autoscaler: 'keda',
      primaryIndex: 0,
      targetLabel: {
        queue: `${trigger.type} backlog per pod`,
        cpu: 'CPU target (%)',
        rate: `${trigger.type} threshold per pod`,
      }[kind],
    };
  } else if (hpa && autoscaler.type === 'hpa') {
    const cpuIndex = hpa.metrics.findIndex(isCpu);
    const primaryIndex = cpuIndex >= 0 ? cpuIndex : 0;
    const primary = hpa.metrics[primaryIndex];
    const kind: CapacityKind =
      primary === undefined || isCpu(primary) ? 'cpu' : 'rate';
    target = primary?.target ?? DEFAULT_CPU_TARGET;
    minReplicas = hpa.minReplicas;
    maxReplicas = hpa.maxReplicas;
    model = {
      kind,
      autoscaler: 'hpa',
      primaryIndex,
      targetLabel:
        kind === 'cpu'
          ? 'CPU target (%)'
          : `${primary?.name ?? 'metric'} target`,
    };
  } else {
    const fixed = Math.max(1, replicas.spec ?? replicas.current);
    target = DEFAULT_CPU_TARGET;
    minReplicas = fixed;
    maxReplicas = Math.max(fixed * 2, fixed + 1);
    model = {
      kind: 'cpu',
      autoscaler: 'none',
      primaryIndex: 0,
      targetLabel: 'CPU target (%)',
    };
  }

  // What one pod can serve.
  let podCapacityRps = DEFAULT_POD_CAPACITY_RPS;
  const busiest = triton?.models
    .filter(m => m.averageComputeUs && m.averageComputeUs > 0)
    .sort((a, b) => b.requestsPerSecond - a.requestsPerSecond)[0];
  if (model.kind === 'queue' && tritonRps && tritonRps > 0) {
    podCapacityRps = tritonRps / ready;
  } else if (busiest?.averageComputeUs) {
    podCapacityRps =
      (1e6 / busiest.averageComputeUs) * (busiest.averageBatchSize ?? 1);
  }

  // The live load.
  let liveLoadRps: number | undefined;
  if (tritonRps && tritonRps > 0) {
    liveLoadRps = tritonRps;
  } else if (model.kind === 'rate' && hpa) {
    const metric = keda ? hpa.metrics[0] : hpa.metrics[model.primaryIndex];
    if (metric?.current !== undefined) {
      liveLoadRps =
        metric.targetType === 'AverageValue'
          ? metric.current * ready
          : metric.current;
    }
  } else if (model.kind === 'cpu' && hpa) {
    const cpu = hpa.metrics.find(isCpu);
    if (cpu?.current !== undefined) {
      liveLoadRps = (cpu.current / 100) * podCapacityRps * ready;
    }
  }
  model.liveLoadRps = liveLoadRps;

  let serviceTimeMs = DEFAULT_SERVICE_TIME_MS;
  if (busiest?.averageComputeUs) {
    serviceTimeMs = busiest.averageComputeUs / 1000;
  } else if (context.latencySloMs) {
    serviceTimeMs = context.latencySloMs / 5;
  }

  return {
    model,
    settings: {
      shape: shapeFor(context.pattern),
      peakRps: roundNice(liveLoadRps ?? podCapacityRps * ready * 0.7) || 10,
      minReplicas,
      maxReplicas,
      target,
      scaleDownWindowSeconds:
        hpa?.scaleDownStabilizationSeconds ??
        keda?.hpaBehavior?.scaleDown?.stabilizationWindowSeconds ??
        300,
      podCapacityRps: roundNice(podCapacityRps),
      serviceTimeMs: Math.round(serviceTimeMs * 100) / 100,
      coldStartSeconds: Math.round(coldStart),
    },
  };
}
