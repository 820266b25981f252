import type { SlimHpa } from '../types/status';
import {
  SlimObjectError,
  readNumber,
  readObject,
  readString,
  readTime,
} from './read';
import {
  toHpaBehavior,
  toHpaMetricSpecs,
  toHpaMetricStatuses,
} from './toSlimHpaParts';
import { toAutoscalerManifest } from './autoscalerManifest';
import { expectKind, toSlimConditions, toSlimMeta } from './toSlimMeta';

const ACCEPTED_API_VERSIONS = [
  'autoscaling/v2',
  'autoscaling/v2beta2',
  'autoscaling/v1',
];

/**
 * Reduces a raw `autoscaling/v2` HorizontalPodAutoscaler to a {@link SlimHpa}.
 * `minReplicas` defaults to 1 as in the API; a missing `maxReplicas` (only in
 * partial objects) falls back to `minReplicas`. An `autoscaling/v1` object's
 * `targetCPUUtilizationPercentage` becomes the equivalent v2 CPU metric.
 * `manifest` is a bounded, redacted copy for the YAML view
 * ({@link toAutoscalerManifest}).
 */
export function toSlimHpa(raw: unknown, cluster: string): SlimHpa {
  const ctx = { kind: 'HorizontalPodAutoscaler' };
  const obj = expectKind(ctx.kind, raw);
  const apiVersion = readString(ctx, obj.apiVersion, 'apiVersion');
  if (apiVersion && !ACCEPTED_API_VERSIONS.includes(apiVersion)) {
    throw new SlimObjectError(
      ctx.kind,
      'apiVersion',
      `must be one of ${ACCEPTED_API_VERSIONS.join(', ')}, got "${apiVersion}"`,
    );
  }
  const spec = readObject(ctx, obj.spec, 'spec');
  // autoscaling/v1 knows only a CPU utilization target; express it as the v2 metric.
  const v1CpuTarget = readNumber(
    ctx,
    spec?.targetCPUUtilizationPercentage,
    'spec.targetCPUUtilizationPercentage',
  );
  const v1Metrics =
    apiVersion === 'autoscaling/v1'
      ? [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: {
                type: 'Utilization',
                averageUtilization: v1CpuTarget ?? 80,
              },
            },
          },
        ]
      : undefined;
  const ref = readObject(ctx, spec?.scaleTargetRef, 'spec.scaleTargetRef');
  const status = readObject(ctx, obj.status, 'status');
  const minReplicas =
    readNumber(ctx, spec?.minReplicas, 'spec.minReplicas') ?? 1;
  const hpa: SlimHpa = {
    kind: 'HorizontalPodAutoscaler',
    meta: toSlimMeta(ctx, obj, cluster),
    scaleTargetRef: {
      kind: readString(ctx, ref?.kind, 'spec.scaleTargetRef.kind') ?? '',
      name: readString(ctx, ref?.name, 'spec.scaleTargetRef.name') ?? '',
    },
    minReplicas,
    maxReplicas:
      readNumber(ctx, spec?.maxReplicas, 'spec.maxReplicas') ?? minReplicas,
    metrics: v1Metrics ?? toHpaMetricSpecs(ctx, spec?.metrics, 'spec.metrics'),
    status: {
      currentReplicas:
        readNumber(ctx, status?.currentReplicas, 'status.currentReplicas') ?? 0,
      desiredReplicas:
        readNumber(ctx, status?.desiredReplicas, 'status.desiredReplicas') ?? 0,
      currentMetrics: toHpaMetricStatuses(
        ctx,
        status?.currentMetrics,
        'status.currentMetrics',
      ),
      conditions: toSlimConditions(
        ctx,
        status?.conditions,
        'status.conditions',
      ),
    },
  };
  const refApiVersion = readString(
    ctx,
    ref?.apiVersion,
    'spec.scaleTargetRef.apiVersion',
  );
  if (refApiVersion) hpa.scaleTargetRef.apiVersion = refApiVersion;
  const behavior = toHpaBehavior(ctx, spec?.behavior, 'spec.behavior');
  if (behavior) hpa.behavior = behavior;
  const lastScaleTime = readTime(
    ctx,
    status?.lastScaleTime,
    'status.lastScaleTime',
  );
  if (lastScaleTime) hpa.status.lastScaleTime = lastScaleTime;
  hpa.manifest = toAutoscalerManifest('HorizontalPodAutoscaler', obj);
  return hpa;
}
