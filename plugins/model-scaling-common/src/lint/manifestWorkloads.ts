import type {
  AutoscalerView,
  GpuSharing,
  PatternId,
  SlimDeployment,
  SlimHpa,
  SlimScaledObject,
  SlimService,
} from '../types/status';
import {
  buildWorkloadModel,
  type WorkloadModel,
} from '../workload/WorkloadModel';
import { isPatternId } from '../patterns/patternIds';
import {
  ANNOTATION_COLD_START_BUDGET_SECONDS,
  ANNOTATION_LATENCY_SLO_MS,
  ANNOTATION_PATTERN,
  ANNOTATION_TRITON_MODELS,
  parseLatencySloAnnotation,
  parseTritonModelsAnnotation,
} from '../annotations';
import type {
  ManifestTritonConfig,
  ReadManifestsResult,
} from './readManifests';

/** One Deployment of a repository's manifests with what scales and serves it. */
export interface ManifestWorkload {
  deployment: SlimDeployment;
  hpas: SlimHpa[];
  scaledObjects: SlimScaledObject[];
  services: SlimService[];
  autoscaler: AutoscalerView;
  /** GPU sharing read from the pod template and the GFD labels it selects. */
  gpu: GpuSharing;
  /** Triton configs of the models the Deployment serves. */
  tritonConfigs: ManifestTritonConfig[];
  /** From the `model-scaling.io/pattern` annotation, when valid. */
  pattern?: PatternId;
  latencySloMs?: number;
  coldStartBudgetSeconds?: number;
  /** True when a container runs `tritonserver` (or a Triton image). */
  runsTriton: boolean;
  /** The workload model the findings read, built from the same objects. */
  model: WorkloadModel;
}

function runsTriton(deployment: SlimDeployment): boolean {
  return deployment.template.spec.containers.some(
    c =>
      /tritonserver/.test(c.image ?? '') ||
      c.args.some(a => a.startsWith('--model-repository')),
  );
}

function selects(
  selector: Record<string, string>,
  labels: Record<string, string>,
) {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/**
 * Groups what was read from a repository by Deployment: its HPAs and
 * ScaledObjects (with the autoscaler view the Scaling tab would show), its
 * Services, its GPU sharing and the Triton configs of its models. Models come
 * from the `model-scaling.io/triton-models` annotation, or, for a Deployment
 * that runs Triton without it, every config.pbtxt in the files.
 */
export function manifestWorkloads(
  read: ReadManifestsResult,
): ManifestWorkload[] {
  const deployments = read.slim.filter(
    (s): s is SlimDeployment => s.kind === 'Deployment',
  );
  const hpas = read.slim.filter(
    (s): s is SlimHpa => s.kind === 'HorizontalPodAutoscaler',
  );
  const scaledObjects = read.slim.filter(
    (s): s is SlimScaledObject => s.kind === 'ScaledObject',
  );
  const services = read.slim.filter(
    (s): s is SlimService => s.kind === 'Service',
  );

  return deployments.map(deployment => {
    const annotations = {
      ...deployment.template.annotations,
      ...deployment.meta.annotations,
    };
    const ns = deployment.meta.namespace ?? '';
    const sameNs = (o: { meta: { namespace?: string } }) =>
      (o.meta.namespace ?? '') === ns;
    const triton = runsTriton(deployment);
    const models = parseTritonModelsAnnotation(
      annotations[ANNOTATION_TRITON_MODELS],
    );
    let tritonConfigs: ManifestTritonConfig[] = [];
    if (models.length) {
      tritonConfigs = read.tritonConfigs.filter(c => models.includes(c.model));
    } else if (triton) {
      tritonConfigs = read.tritonConfigs;
    }
    const pattern = annotations[ANNOTATION_PATTERN];
    const budget = Number(annotations[ANNOTATION_COLD_START_BUDGET_SECONDS]);
    const slo = parseLatencySloAnnotation(
      annotations[ANNOTATION_LATENCY_SLO_MS],
    );
    const model = buildWorkloadModel({
      deployment,
      hpas,
      scaledObjects,
      tritonConfigs: tritonConfigs.map(c => ({
        model: c.model,
        config: c.config,
      })),
      ...(isPatternId(pattern) ? { pattern } : {}),
      ...(slo !== undefined ? { latencySloMs: slo } : {}),
      ...(Number.isFinite(budget) && budget > 0
        ? { coldStartBudgetSeconds: budget }
        : {}),
    });
    const workload: ManifestWorkload = {
      deployment,
      hpas: model.hpas,
      scaledObjects: model.scaledObjects,
      services: services.filter(
        s => sameNs(s) && selects(s.selector, deployment.template.labels),
      ),
      autoscaler: model.autoscaler ?? { type: 'none', conflicting: [] },
      gpu: model.gpu,
      tritonConfigs,
      runsTriton: triton,
      model,
    };
    if (isPatternId(pattern)) workload.pattern = pattern;
    if (slo !== undefined) workload.latencySloMs = slo;
    if (Number.isFinite(budget) && budget > 0)
      workload.coldStartBudgetSeconds = budget;
    return workload;
  });
}
