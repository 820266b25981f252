import {
  autoscalerViewOfTargets,
  hpasTargeting,
  scaledObjectsTargeting,
} from '../status/autoscalerView';
import { deploymentReplicas } from '../workload/buildWorkloadStatus';
import type {
  SlimDeployment,
  SlimHpa,
  SlimScaledObject,
  TritonView,
  WorkloadStatus,
} from '../types/status';

/** p50 / p99 request latency of one model, when the server exports summaries or histograms. */
export interface ModelLatency {
  model: string;
  p50LatencyMs?: number;
  p99LatencyMs?: number;
}

/**
 * What the collector records for one workload at one round. Stored as is;
 * {@link assembleWorkloadHistory} turns a run of points into the
 * `WorkloadHistory` of the status document.
 */
export interface WorkloadHistoryPoint {
  replicas: { desired?: number; current: number; ready: number };
  /** Each autoscaler metric's current value against its target. */
  metrics: { name: string; unit: string; target?: number; v?: number }[];
  /** Triton figures per model, summed (rates) or execution-weighted (averages) over the pods. */
  triton: {
    model: string;
    requestsPerSecond: number;
    averageBatchSize?: number;
    averageQueueUs?: number;
    averageComputeUs?: number;
    p50LatencyMs?: number;
    p99LatencyMs?: number;
  }[];
  /**
   * Pods sampled and their total request rate, only when every pod had
   * figures this round (else the sum would undercount); feeds the
   * replicas-without-throughput finding.
   */
  throughput?: { replicas: number; requestsPerSecond: number };
  /** GPU utilisation in percent per pod (DCGM through Prometheus). */
  gpu?: { pod: string; v: number }[];
}

/** The unit of an autoscaler metric by its target type. */
export function metricUnit(targetType: string): string {
  if (targetType === 'Utilization') return '%';
  if (targetType === 'AverageValue') return 'per pod';
  return 'value';
}

/** The parts of a workload's status a history point reads. */
export type HistoryPointStatus = Pick<
  WorkloadStatus,
  'autoscaler' | 'replicas' | 'triton'
>;

/**
 * What {@link historyPointFromStatus} reads of a Deployment's status, without
 * the rest of `buildWorkloadStatus` (pods, GPU sharing, rescale events,
 * findings): replicas, the autoscaler that drives it and the Triton figures
 * given. A collection round records a point of every workload, so it builds
 * only these; the test checks the point equals the one of the full status.
 */
export function historyStatusOf(input: {
  deployment: SlimDeployment;
  hpas?: readonly SlimHpa[];
  scaledObjects?: readonly SlimScaledObject[];
  triton?: TritonView;
}): HistoryPointStatus {
  const { deployment } = input;
  const status: HistoryPointStatus = {
    replicas: deploymentReplicas(deployment),
    autoscaler: autoscalerViewOfTargets({
      hpas: hpasTargeting(deployment, input.hpas ?? []),
      scaledObjects: scaledObjectsTargeting(
        deployment,
        input.scaledObjects ?? [],
      ),
    }),
  };
  if (input.triton) status.triton = input.triton;
  return status;
}

/**
 * One history point from a workload's status at a round: replicas (desired
 * from the autoscaler, else the spec), the autoscaler's metrics against
 * their targets, and the Triton figures per model with their latency.
 */
export function historyPointFromStatus(
  status: HistoryPointStatus,
  extras: {
    latency?: ModelLatency[];
    throughput?: WorkloadHistoryPoint['throughput'];
    gpu?: WorkloadHistoryPoint['gpu'];
  } = {},
): WorkloadHistoryPoint {
  const hpa = status.autoscaler.hpa;
  const desired = hpa?.desiredReplicas ?? status.replicas.spec;
  const latency = new Map((extras.latency ?? []).map(l => [l.model, l]));
  return {
    replicas: {
      ...(desired !== undefined && { desired }),
      current: status.replicas.current,
      ready: status.replicas.ready,
    },
    metrics: (hpa?.metrics ?? []).map(m => ({
      name: m.name,
      unit: metricUnit(m.targetType),
      target: m.target,
      ...(m.current !== undefined && { v: m.current }),
    })),
    triton: (status.triton?.models ?? []).map(m => {
      const l = latency.get(m.model);
      return {
        model: m.model,
        requestsPerSecond: m.requestsPerSecond,
        ...(m.averageBatchSize !== undefined && {
          averageBatchSize: m.averageBatchSize,
        }),
        ...(m.averageQueueUs !== undefined && {
          averageQueueUs: m.averageQueueUs,
        }),
        ...(m.averageComputeUs !== undefined && {
          averageComputeUs: m.averageComputeUs,
        }),
        ...(l?.p50LatencyMs !== undefined && { p50LatencyMs: l.p50LatencyMs }),
        ...(l?.p99LatencyMs !== undefined && { p99LatencyMs: l.p99LatencyMs }),
      };
    }),
    ...(extras.throughput && { throughput: extras.throughput }),
    ...(extras.gpu && extras.gpu.length > 0 && { gpu: extras.gpu }),
  };
}
