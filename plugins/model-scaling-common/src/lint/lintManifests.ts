import type { Finding, PatternId } from '../types/status';
import type { PatternPresets } from '../patterns/presets';
import type { ModelServicePlan } from '../plan/planSchema';
import { renderServiceFiles } from '../render/renderManifests';
import { detectDrift } from '../drift/detectDrift';
import { ManifestFile, readManifests } from './readManifests';
import { manifestWorkloads, ManifestWorkload } from './manifestWorkloads';
import { specChecks } from './specChecks';
import { manifestWorkloadStatus } from './manifestWorkloadStatus';
import { manifestWorkloadModel } from './manifestWorkloadModel';
import { findingsOf } from '../findings/evaluateFindings';
import { dedupeFindings, sortFindings } from '../findings/sortFindings';

/** Options of {@link lintManifests}. */
export interface LintOptions {
  /** Pattern of Deployments that carry no `model-scaling.io/pattern` annotation. */
  pattern?: PatternId;
  /** Latency SLO (ms) of Deployments that carry no `model-scaling.io/latency-slo-ms` annotation. */
  latencySloMs?: number;
  /** Size of the model weights in GB, for the rules that compare it with GPU memory. */
  modelSizeGb?: number;
  /** When set, differences from these golden-path presets are reported as `golden-path-drift` info findings. */
  presets?: PatternPresets;
}

function driftFindings(
  w: ManifestWorkload,
  pattern: PatternId,
  presets: PatternPresets,
): Finding[] {
  const drift = detectDrift(manifestWorkloadStatus(w), pattern, presets);
  if (drift.length === 0) return [];
  return [
    {
      id: 'golden-path-drift',
      severity: 'info',
      title: `Deployment/${
        w.deployment.meta.name
      } differs from the ${pattern} golden-path presets in ${
        drift.length
      } setting${drift.length === 1 ? '' : 's'}`,
      evidence: drift
        .map(d => `${d.field}: ${d.actual} (preset ${d.expected})`)
        .join('; '),
      fix: 'Keep the difference if it is deliberate; otherwise use the preset values.',
      subject: `Deployment/${w.deployment.meta.name}`,
    },
  ];
}

/**
 * Lints the YAML manifests and Triton `config.pbtxt` files of a model service
 * repository: what cannot be read, what the API server or Triton would
 * refuse, and the scaling pitfalls of each Deployment as its autoscaler,
 * GPU request and batching settings show them. Findings come most severe
 * first.
 */
export function lintManifests(
  files: readonly ManifestFile[],
  options: LintOptions = {},
): Finding[] {
  const read = readManifests(files);
  const workloads = manifestWorkloads(read);
  const findings = [...read.findings, ...specChecks(read, workloads)];
  for (const w of workloads) {
    const pattern = w.pattern ?? options.pattern;
    findings.push(
      ...findingsOf(
        manifestWorkloadModel(w, {
          pattern,
          latencySloMs: options.latencySloMs,
          modelSizeGb: options.modelSizeGb,
        }),
      ),
    );
    if (options.presets && pattern) {
      findings.push(...driftFindings(w, pattern, options.presets));
    }
  }
  if (workloads.length === 0 && read.objects.length > 0) {
    findings.push({
      id: 'no-deployment',
      severity: 'warning',
      title: 'The manifests hold no Deployment',
      evidence: `Read ${read.objects.length} object(s): ${[
        ...new Set(read.objects.map(o => o.kind)),
      ].join(', ')}.`,
      fix: 'A model service needs a Deployment; the Scaling tab shows Deployments and what scales them.',
    });
  }
  return sortFindings(dedupeFindings(findings));
}

/** Lints the files a plan renders (`renderServiceFiles`). */
export function lintPlan(plan: ModelServicePlan): Finding[] {
  return lintManifests(renderServiceFiles(plan), {
    pattern: plan.pattern,
    latencySloMs: plan.model.latencySloMs,
    modelSizeGb: plan.model.sizeGb,
  });
}
