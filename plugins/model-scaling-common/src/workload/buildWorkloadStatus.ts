import {
  ANNOTATION_COLD_START_BUDGET_SECONDS,
  ANNOTATION_LATENCY_SLO_MS,
  ANNOTATION_PATTERN,
} from '../annotations';
import { evaluateFindings } from '../findings/evaluateFindings';
import type { ThroughputSample } from '../findings/types';
import { interpretGpuSharing } from '../gpu/interpretGpuSharing';
import { nodeSpotLabel } from '../gpu/spot';
import { isPatternId } from '../patterns/patternIds';
import type {
  PatternId,
  PodView,
  RescaleEventView,
  SlimDeployment,
  SlimHpa,
  SlimNode,
  SlimPod,
  SlimReplicaSet,
  SlimRescaleEvent,
  SlimScaledObject,
  TritonModelConfig,
  TritonView,
  WorkloadStatus,
} from '../types/status';
import { autoscalerView, hpasTargeting } from '../status/autoscalerView';
import { workloadPods } from '../status/workloadPods';

/** Most rescale events kept per workload. */
const MAX_RESCALE_EVENTS = 50;

/** Input of {@link buildWorkloadStatus}: slim records of one cluster (whole namespaces are fine) and optional facts. */
export interface WorkloadStatusInput {
  cluster: string;
  deployment: SlimDeployment;
  replicaSets?: readonly SlimReplicaSet[];
  pods?: readonly SlimPod[];
  nodes?: readonly SlimNode[];
  hpas?: readonly SlimHpa[];
  scaledObjects?: readonly SlimScaledObject[];
  events?: readonly SlimRescaleEvent[];
  triton?: TritonView;
  /** Triton configs when they are not already on the figures. */
  tritonConfigs?: { model: string; config: TritonModelConfig }[];
  /** Default: the Deployment's `model-scaling.io/pattern` annotation. */
  pattern?: PatternId;
  /** Default: the Deployment's `model-scaling.io/latency-slo-ms` annotation. */
  latencySloMs?: number;
  /** Default: the Deployment's `model-scaling.io/cold-start-budget-seconds` annotation. */
  coldStartBudgetSeconds?: number;
  modelSizeBytes?: number;
  throughputHistory?: ThroughputSample[];
  now?: Date | string | number;
}

function positive(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function coldStart(pod: SlimPod): number | undefined {
  if (!pod.startTime || !pod.readyTime) return undefined;
  const s = (Date.parse(pod.readyTime) - Date.parse(pod.startTime)) / 1000;
  return Number.isFinite(s) && s >= 0 ? s : undefined;
}

/**
 * Assembles the Scaling tab's view of one Deployment from slim records: its
 * replica counts, the autoscaler that drives it (and any conflicting one),
 * GPU sharing, its pods with cold-start seconds (Ready − start) and spot
 * flags, the `SuccessfulRescale` events of its HPAs newest first, the Triton
 * figures given, and the findings of every rule. Records of other workloads
 * in the same lists are ignored.
 */
export function buildWorkloadStatus(
  input: WorkloadStatusInput,
): WorkloadStatus {
  const { deployment, cluster } = input;
  const annotations = deployment.meta.annotations;
  const patternAnnotation = annotations[ANNOTATION_PATTERN];
  const pattern =
    input.pattern ??
    (patternAnnotation && isPatternId(patternAnnotation)
      ? patternAnnotation
      : undefined);
  const latencySloMs =
    input.latencySloMs ?? positive(annotations[ANNOTATION_LATENCY_SLO_MS]);
  const coldStartBudgetSeconds =
    input.coldStartBudgetSeconds ??
    positive(annotations[ANNOTATION_COLD_START_BUDGET_SECONDS]);

  const nodes = (input.nodes ?? []).filter(
    n => n.meta.cluster === deployment.meta.cluster,
  );
  const pods = workloadPods(
    deployment,
    input.replicaSets ?? [],
    input.pods ?? [],
  ).sort((a, b) => a.meta.name.localeCompare(b.meta.name));
  const hpas = [...(input.hpas ?? [])];
  const scaledObjects = [...(input.scaledObjects ?? [])];
  const autoscaler = autoscalerView(deployment, hpas, scaledObjects);
  const gpu = interpretGpuSharing(
    pods.length > 0 ? pods : deployment.template.spec,
    nodes,
  );

  const spotNodes = new Set(
    nodes.filter(n => nodeSpotLabel(n) !== undefined).map(n => n.meta.name),
  );
  const podViews: PodView[] = pods.map(p => {
    const view: PodView = {
      name: p.meta.name,
      phase: p.phase,
      ready: p.ready,
      restartCount: p.restartCount,
      spot: p.nodeName !== undefined && spotNodes.has(p.nodeName),
    };
    if (p.nodeName) view.nodeName = p.nodeName;
    const seconds = coldStart(p);
    if (seconds !== undefined) view.coldStartSeconds = seconds;
    if (p.pendingReason) view.pendingReason = p.pendingReason;
    if (p.pendingMessage) view.pendingMessage = p.pendingMessage;
    return view;
  });

  const hpaNames = new Set(
    hpasTargeting(deployment, hpas).map(h => h.meta.name),
  );
  for (const so of scaledObjects) {
    if (autoscaler.keda?.name === so.meta.name)
      hpaNames.add(so.status.hpaName ?? `keda-hpa-${so.meta.name}`);
  }
  const events = (input.events ?? []).filter(
    e =>
      e.meta.cluster === cluster &&
      e.involvedObject.kind === 'HorizontalPodAutoscaler' &&
      hpaNames.has(e.involvedObject.name) &&
      (e.involvedObject.namespace ?? e.meta.namespace ?? '') ===
        (deployment.meta.namespace ?? ''),
  );
  const rescaleEvents: RescaleEventView[] = events
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

  const findings = evaluateFindings({
    ...(pattern ? { pattern } : {}),
    ...(latencySloMs !== undefined ? { latencySloMs } : {}),
    ...(coldStartBudgetSeconds !== undefined ? { coldStartBudgetSeconds } : {}),
    deployment,
    hpas,
    scaledObjects,
    pods,
    nodes,
    gpu,
    ...(input.triton ? { triton: input.triton.models } : {}),
    ...(input.tritonConfigs ? { tritonConfigs: input.tritonConfigs } : {}),
    ...(input.modelSizeBytes !== undefined
      ? { modelSizeBytes: input.modelSizeBytes }
      : {}),
    rescaleEvents: events,
    ...(input.throughputHistory
      ? { throughputHistory: input.throughputHistory }
      : {}),
    ...(input.now !== undefined ? { now: input.now } : {}),
  });

  const status: WorkloadStatus = {
    cluster,
    kind: 'Deployment',
    namespace: deployment.meta.namespace ?? 'default',
    name: deployment.meta.name,
    replicas: {
      current: deployment.status.replicas,
      ready: deployment.status.readyReplicas,
      available: deployment.status.availableReplicas,
      updated: deployment.status.updatedReplicas,
    },
    autoscaler,
    gpu,
    pods: podViews,
    rescaleEvents,
    findings,
  };
  if (deployment.specReplicas !== undefined)
    status.replicas.spec = deployment.specReplicas;
  if (input.triton) status.triton = input.triton;
  return status;
}
