import {
  ANNOTATION_COLD_START_BUDGET_SECONDS,
  ANNOTATION_LATENCY_SLO_MS,
  ANNOTATION_PATTERN,
} from '../annotations';
import type { BatchingAdviceSummary } from '../batching/batchingAdviceSummary';
import type {
  ThroughputSample,
  WorkloadModelInput,
} from './WorkloadModelInput';
import { interpretGpuSharing } from '../gpu/interpretGpuSharing';
import { nodeSpotLabel } from '../gpu/spot';
import { isPatternId } from '../patterns/patternIds';
import {
  autoscalerViewOfTargets,
  hpasTargeting,
  isHpaOfScaledObject,
  scaledObjectsTargeting,
} from '../status/autoscalerView';
import { hpaView } from '../status/hpaView';
import { kedaView } from '../status/kedaView';
import { workloadPods } from '../status/workloadPods';
import type {
  AutoscalerView,
  GpuSharing,
  HpaView,
  KedaView,
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

/**
 * One workload with every fact the views, the findings and the verdict read,
 * resolved once: the autoscalers that target it (and which HPA KEDA made for
 * which ScaledObject), their views, its pods and nodes, GPU sharing, spot
 * nodes, Triton figures and configs, rescale events, and the pattern, SLO and
 * cold-start budget from its annotations.
 */
export interface WorkloadModel {
  deployment?: SlimDeployment;
  podSpec?: SlimPodSpec;
  /** `Deployment/<name>` when known. */
  workload?: string;
  pattern?: PatternId;
  latencySloMs?: number;
  coldStartBudgetSeconds?: number;
  modelSizeBytes?: number;
  /** HPAs that target the workload (all given HPAs when there is no Deployment), KEDA's included. */
  hpas: SlimHpa[];
  /** Of those, the ones no ScaledObject owns. */
  independentHpas: SlimHpa[];
  /** ScaledObjects that target the workload (all given when there is no Deployment). */
  scaledObjects: SlimScaledObject[];
  /** The HPA KEDA made for a ScaledObject, by ScaledObject name. */
  kedaHpaOf: Map<string, SlimHpa>;
  /** Names of the HPAs that any of the ScaledObjects owns. */
  kedaOwnedHpas: Set<string>;
  /** The autoscaler view of the Deployment (absent without a Deployment). */
  autoscaler?: AutoscalerView;
  /** The view of each HPA in `hpas`, by name. */
  hpaViews: Map<string, HpaView>;
  /** The view of each ScaledObject in `scaledObjects`, by name. */
  kedaViews: Map<string, KedaView>;
  gpu: GpuSharing;
  usesGpu: boolean;
  /** The workload's pods (by name when picked from a namespace). */
  pods: SlimPod[];
  nodes: SlimNode[];
  /** Names of the nodes with a spot/preemptible label. */
  spotNodes: Set<string>;
  triton: TritonModelFigures[];
  /** Model configs: from the figures, overridden by the configs given. */
  tritonConfigs: { model: string; config: TritonModelConfig }[];
  rescaleEvents: SlimRescaleEvent[];
  throughputHistory: ThroughputSample[];
  batchingAdvice: BatchingAdviceSummary[];
  nowMs: number;
}

const NO_GPU: GpuSharing = {
  mode: 'none',
  perPod: 0,
  memoryIsolation: true,
  spot: false,
  nodes: [],
};

function toMs(now: WorkloadModelInput['now']): number {
  if (now === undefined) return Date.now();
  if (now instanceof Date) return now.getTime();
  if (typeof now === 'number') return now;
  const ms = Date.parse(now);
  return Number.isFinite(ms) ? ms : Date.now();
}

function positive(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function annotated(input: WorkloadModelInput) {
  const annotations = input.deployment?.meta.annotations ?? {};
  const patternAnnotation = annotations[ANNOTATION_PATTERN];
  return {
    pattern:
      input.pattern ??
      (patternAnnotation && isPatternId(patternAnnotation)
        ? patternAnnotation
        : undefined),
    latencySloMs:
      input.latencySloMs ?? positive(annotations[ANNOTATION_LATENCY_SLO_MS]),
    coldStartBudgetSeconds:
      input.coldStartBudgetSeconds ??
      positive(annotations[ANNOTATION_COLD_START_BUDGET_SECONDS]),
  };
}

function rescaleEventsOf(
  input: WorkloadModelInput,
  deployment: SlimDeployment,
  hpas: readonly SlimHpa[],
  scaledObjects: readonly SlimScaledObject[],
  autoscaler: AutoscalerView,
): SlimRescaleEvent[] {
  const cluster = input.cluster ?? deployment.meta.cluster;
  const hpaNames = new Set(hpas.map(h => h.meta.name));
  for (const so of scaledObjects) {
    if (autoscaler.keda?.name === so.meta.name)
      hpaNames.add(so.status.hpaName ?? `keda-hpa-${so.meta.name}`);
  }
  return (input.events ?? []).filter(
    e =>
      e.meta.cluster === cluster &&
      e.involvedObject.kind === 'HorizontalPodAutoscaler' &&
      hpaNames.has(e.involvedObject.name) &&
      (e.involvedObject.namespace ?? e.meta.namespace ?? '') ===
        (deployment.meta.namespace ?? ''),
  );
}

/**
 * Builds the {@link WorkloadModel} of one workload, once: the live status
 * (`buildWorkloadStatus`), the findings and the lint of a repository's
 * manifests all read it instead of resolving the same facts again.
 */
export function buildWorkloadModel(input: WorkloadModelInput): WorkloadModel {
  const { deployment } = input;
  const pick = input.pickWorkloadRecords === true && deployment !== undefined;
  const allHpas = input.hpas ?? [];
  const allSos = input.scaledObjects ?? [];
  const hpas = deployment ? hpasTargeting(deployment, allHpas) : [...allHpas];
  const scaledObjects = deployment
    ? scaledObjectsTargeting(deployment, allSos)
    : [...allSos];
  const kedaHpaOf = new Map<string, SlimHpa>();
  for (const so of scaledObjects) {
    const own = hpas.find(h => isHpaOfScaledObject(h, so));
    if (own) kedaHpaOf.set(so.meta.name, own);
  }
  const owned = new Set(kedaHpaOf.values());
  const kedaOwnedHpas = new Set(
    hpas
      .filter(h => scaledObjects.some(so => isHpaOfScaledObject(h, so)))
      .map(h => h.meta.name),
  );
  const autoscaler = deployment
    ? autoscalerViewOfTargets({ hpas, scaledObjects })
    : undefined;

  const podSpec = deployment?.template.spec ?? input.podSpec;
  const nodes = pick
    ? (input.nodes ?? []).filter(
        n => n.meta.cluster === deployment.meta.cluster,
      )
    : [...(input.nodes ?? [])];
  const pods = pick
    ? workloadPods(deployment, input.replicaSets ?? [], input.pods ?? []).sort(
        (a, b) => a.meta.name.localeCompare(b.meta.name),
      )
    : [...(input.pods ?? [])];
  let gpu = input.gpu;
  if (!gpu) {
    const source = pods.length > 0 ? pods : podSpec;
    gpu = source ? interpretGpuSharing(source, nodes) : NO_GPU;
  }

  const configs = new Map<
    string,
    { model: string; config: TritonModelConfig }
  >();
  for (const f of input.triton ?? [])
    if (f.config) configs.set(f.model, { model: f.model, config: f.config });
  for (const c of input.tritonConfigs ?? []) configs.set(c.model, c);

  const rescaleEvents =
    pick && autoscaler
      ? rescaleEventsOf(input, deployment, hpas, scaledObjects, autoscaler)
      : [...(input.rescaleEvents ?? [])];

  const model: WorkloadModel = {
    podSpec,
    workload: deployment ? `Deployment/${deployment.meta.name}` : undefined,
    hpas,
    independentHpas: hpas.filter(h => !owned.has(h)),
    scaledObjects,
    kedaHpaOf,
    kedaOwnedHpas,
    hpaViews: new Map(hpas.map(h => [h.meta.name, hpaView(h)])),
    kedaViews: new Map(scaledObjects.map(s => [s.meta.name, kedaView(s)])),
    gpu,
    usesGpu: gpu.mode !== 'none',
    pods,
    nodes,
    spotNodes: new Set(
      nodes.filter(n => nodeSpotLabel(n) !== undefined).map(n => n.meta.name),
    ),
    triton: [...(input.triton ?? [])],
    tritonConfigs: [...configs.values()],
    rescaleEvents,
    throughputHistory: [...(input.throughputHistory ?? [])],
    batchingAdvice: [...(input.batchingAdvice ?? [])],
    nowMs: toMs(input.now),
  };
  if (deployment) model.deployment = deployment;
  if (autoscaler) model.autoscaler = autoscaler;
  const { pattern, latencySloMs, coldStartBudgetSeconds } = annotated(input);
  if (pattern) model.pattern = pattern;
  if (latencySloMs !== undefined) model.latencySloMs = latencySloMs;
  if (coldStartBudgetSeconds !== undefined)
    model.coldStartBudgetSeconds = coldStartBudgetSeconds;
  if (input.modelSizeBytes !== undefined)
    model.modelSizeBytes = input.modelSizeBytes;
  return model;
}

export type {
  ThroughputSample,
  WorkloadModelInput,
} from './WorkloadModelInput';
