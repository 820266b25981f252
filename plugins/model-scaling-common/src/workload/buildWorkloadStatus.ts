import { findingsOf } from '../findings/evaluateFindings';
import type {
  PodView,
  RescaleEventView,
  SlimDeployment,
  SlimPod,
  SlimReplicaSet,
  SlimRescaleEvent,
  TritonView,
  WorkloadStatus,
} from '../types/status';
import {
  buildWorkloadModel,
  type WorkloadModel,
  type WorkloadModelInput,
} from './WorkloadModel';

/** Most rescale events kept per workload. */
const MAX_RESCALE_EVENTS = 50;

/** Input of {@link buildWorkloadStatus}: slim records of one cluster (whole namespaces are fine) and optional facts. */
export interface WorkloadStatusInput
  extends Omit<
    WorkloadModelInput,
    | 'pickWorkloadRecords'
    | 'cluster'
    | 'deployment'
    | 'triton'
    | 'rescaleEvents'
    | 'replicaSets'
    | 'events'
  > {
  cluster: string;
  deployment: NonNullable<WorkloadModelInput['deployment']>;
  replicaSets?: readonly SlimReplicaSet[];
  events?: readonly SlimRescaleEvent[];
  triton?: TritonView;
}

function coldStart(pod: SlimPod): number | undefined {
  if (!pod.startTime || !pod.readyTime) return undefined;
  const s = (Date.parse(pod.readyTime) - Date.parse(pod.startTime)) / 1000;
  return Number.isFinite(s) && s >= 0 ? s : undefined;
}

/**
 * The workload model of a live Deployment from a cluster's slim records
 * (whole namespaces are fine: the workload's pods, nodes and events are
 * picked), as {@link buildWorkloadStatus} builds it.
 */
export function liveWorkloadModel(input: WorkloadStatusInput): WorkloadModel {
  const { triton, ...rest } = input;
  return buildWorkloadModel({
    ...rest,
    pickWorkloadRecords: true,
    replicaSets: input.replicaSets ?? [],
    ...(triton ? { triton: triton.models } : {}),
  });
}

/**
 * Assembles the Scaling tab's view of one Deployment from slim records: its
 * replica counts, the autoscaler that drives it (and any conflicting one),
 * GPU sharing, its pods with cold-start seconds (Ready − start) and spot
 * flags, the `SuccessfulRescale` events of its HPAs newest first, the Triton
 * figures given, and the findings of every rule. Records of other workloads
 * in the same lists are ignored. The workload model is built once and read
 * by the views and the findings.
 */
export function buildWorkloadStatus(
  input: WorkloadStatusInput,
): WorkloadStatus {
  return buildWorkloadStatusAndModel(input).status;
}

/** A workload's status and the model it was built from (see {@link workloadStatusAt}). */
export interface BuiltWorkloadStatus {
  model: WorkloadModel;
  status: WorkloadStatus;
}

/**
 * {@link buildWorkloadStatus}, also returning the workload model, so that a
 * caller holding the same records later can have the status at another time
 * with {@link workloadStatusAt} instead of building it again.
 */
export function buildWorkloadStatusAndModel(
  input: WorkloadStatusInput,
): BuiltWorkloadStatus {
  const { deployment, cluster } = input;
  const model = liveWorkloadModel(input);
  const podViews: PodView[] = model.pods.map(p => {
    const view: PodView = {
      name: p.meta.name,
      phase: p.phase,
      ready: p.ready,
      restartCount: p.restartCount,
      spot: p.nodeName !== undefined && model.spotNodes.has(p.nodeName),
    };
    if (p.nodeName) view.nodeName = p.nodeName;
    const seconds = coldStart(p);
    if (seconds !== undefined) view.coldStartSeconds = seconds;
    if (p.pendingReason) view.pendingReason = p.pendingReason;
    if (p.pendingMessage) view.pendingMessage = p.pendingMessage;
    return view;
  });

  const rescaleEvents: RescaleEventView[] = model.rescaleEvents
    .slice()
    .sort((a, b) => Date.parse(b.time) - Date.parse(a.time))
    .slice(0, MAX_RESCALE_EVENTS)
    .map(e => {
      const view: RescaleEventView = {
        time: e.time,
        object: `HorizontalPodAutoscaler/${e.involvedObject.name}`,
        message: e.message,
      };
      if (e.newSize !== undefined) view.newSize = e.newSize;
      if (e.rescaleReason) view.reason = e.rescaleReason;
      return view;
    });

  const status: WorkloadStatus = {
    cluster,
    kind: 'Deployment',
    namespace: deployment.meta.namespace ?? 'default',
    name: deployment.meta.name,
    replicas: deploymentReplicas(deployment),
    autoscaler: model.autoscaler ?? { type: 'none', conflicting: [] },
    gpu: model.gpu,
    pods: podViews,
    rescaleEvents,
    findings: findingsOf(model),
  };
  if (input.triton) status.triton = input.triton;
  return { model, status };
}

/**
 * A built workload status at another evaluation time (epoch ms): what
 * {@link buildWorkloadStatus} returns for the same records and `now`. Only
 * the findings read the time (a pod's time pending, the throughput window),
 * so only they are evaluated again; every view of the records is shared with
 * `built.status`, which callers must not change.
 */
export function workloadStatusAt(
  built: BuiltWorkloadStatus,
  nowMs: number,
): WorkloadStatus {
  if (built.model.nowMs === nowMs) return built.status;
  return {
    ...built.status,
    findings: findingsOf({ ...built.model, nowMs }),
  };
}

/** A Deployment's replica counts as a workload's status shows them (`spec` when set). */
export function deploymentReplicas(
  deployment: SlimDeployment,
): WorkloadStatus['replicas'] {
  const replicas: WorkloadStatus['replicas'] = {
    current: deployment.status.replicas,
    ready: deployment.status.readyReplicas,
    available: deployment.status.availableReplicas,
    updated: deployment.status.updatedReplicas,
  };
  if (deployment.specReplicas !== undefined)
    replicas.spec = deployment.specReplicas;
  return replicas;
}
