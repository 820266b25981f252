import type { SlimScaledObject } from '../types/status';
import {
  SlimObjectError,
  readNumber,
  readObject,
  readString,
  readTime,
} from './read';
import { toHpaBehavior } from './toSlimHpaParts';
import { toAutoscalerManifest } from './autoscalerManifest';
import { toKedaTriggers } from './toKedaTriggers';
import { expectKind, toSlimConditions, toSlimMeta } from './toSlimMeta';

/** Annotation that pauses a ScaledObject at its current replica count. */
export const KEDA_PAUSED_ANNOTATION = 'autoscaling.keda.sh/paused';
/** Annotation that pauses a ScaledObject at a fixed replica count. */
export const KEDA_PAUSED_REPLICAS_ANNOTATION =
  'autoscaling.keda.sh/paused-replicas';

/**
 * Reduces a raw KEDA `keda.sh/v1alpha1` ScaledObject to a {@link SlimScaledObject}.
 * Spec fields that KEDA defaults stay undefined when not set (the views apply
 * KEDA's defaults: polling 30 s, cooldown 300 s, min 0, max 100).
 * `manifest` is a bounded, redacted copy for the YAML view
 * ({@link toAutoscalerManifest}).
 */
export function toSlimScaledObject(
  raw: unknown,
  cluster: string,
): SlimScaledObject {
  const ctx = { kind: 'ScaledObject' };
  const obj = expectKind(ctx.kind, raw);
  const spec = readObject(ctx, obj.spec, 'spec');
  const ref = readObject(ctx, spec?.scaleTargetRef, 'spec.scaleTargetRef');
  const status = readObject(ctx, obj.status, 'status');
  const meta = toSlimMeta(ctx, obj, cluster);

  const so: SlimScaledObject = {
    kind: 'ScaledObject',
    meta,
    scaleTargetRef: {
      name: readString(ctx, ref?.name, 'spec.scaleTargetRef.name') ?? '',
    },
    triggers: toKedaTriggers(ctx, spec?.triggers, 'spec.triggers'),
    paused: false,
    status: {
      conditions: toSlimConditions(
        ctx,
        status?.conditions,
        'status.conditions',
      ),
      health: {},
      externalMetricNames: [],
    },
  };
  const refKind = readString(ctx, ref?.kind, 'spec.scaleTargetRef.kind');
  if (refKind) so.scaleTargetRef.kind = refKind;
  const refApi = readString(
    ctx,
    ref?.apiVersion,
    'spec.scaleTargetRef.apiVersion',
  );
  if (refApi) so.scaleTargetRef.apiVersion = refApi;

  for (const field of [
    'pollingInterval',
    'cooldownPeriod',
    'initialCooldownPeriod',
    'minReplicaCount',
    'maxReplicaCount',
    'idleReplicaCount',
  ] as const) {
    const n = readNumber(ctx, spec?.[field], `spec.${field}`);
    if (n !== undefined) so[field] = n;
  }

  const fallback = readObject(ctx, spec?.fallback, 'spec.fallback');
  if (fallback) {
    const failureThreshold = readNumber(
      ctx,
      fallback.failureThreshold,
      'spec.fallback.failureThreshold',
    );
    const replicas = readNumber(
      ctx,
      fallback.replicas,
      'spec.fallback.replicas',
    );
    if (failureThreshold === undefined || replicas === undefined) {
      throw new SlimObjectError(
        ctx.kind,
        'spec.fallback',
        'needs both failureThreshold and replicas',
      );
    }
    so.fallback = { failureThreshold, replicas };
    const behavior = readString(
      ctx,
      fallback.behavior,
      'spec.fallback.behavior',
    );
    if (behavior) so.fallback.behavior = behavior;
  }

  const advanced = readObject(ctx, spec?.advanced, 'spec.advanced');
  const hpaConfig = readObject(
    ctx,
    advanced?.horizontalPodAutoscalerConfig,
    'spec.advanced.horizontalPodAutoscalerConfig',
  );
  const behavior = toHpaBehavior(
    ctx,
    hpaConfig?.behavior,
    'spec.advanced.horizontalPodAutoscalerConfig.behavior',
  );
  if (behavior) so.hpaBehavior = behavior;

  const pausedReplicas = meta.annotations[KEDA_PAUSED_REPLICAS_ANNOTATION];
  if (pausedReplicas !== undefined) {
    so.paused = true;
    so.pausedReplicas = readNumber(
      ctx,
      pausedReplicas,
      `metadata.annotations["${KEDA_PAUSED_REPLICAS_ANNOTATION}"]`,
    );
  }
  if (meta.annotations[KEDA_PAUSED_ANNOTATION] === 'true') {
    so.paused = true;
  }

  const health = readObject(ctx, status?.health, 'status.health') ?? {};
  for (const [metric, entry] of Object.entries(health)) {
    const h = readObject(ctx, entry, `status.health.${metric}`);
    so.status.health[metric] = {
      numberOfFailures:
        readNumber(
          ctx,
          h?.numberOfFailures,
          `status.health.${metric}.numberOfFailures`,
        ) ?? 0,
      status:
        readString(ctx, h?.status, `status.health.${metric}.status`) ??
        'Unknown',
    };
  }
  const hpaName = readString(ctx, status?.hpaName, 'status.hpaName');
  if (hpaName) so.status.hpaName = hpaName;
  const lastActiveTime = readTime(
    ctx,
    status?.lastActiveTime,
    'status.lastActiveTime',
  );
  if (lastActiveTime) so.status.lastActiveTime = lastActiveTime;
  const original = readNumber(
    ctx,
    status?.originalReplicaCount,
    'status.originalReplicaCount',
  );
  if (original !== undefined) so.status.originalReplicaCount = original;
  const pausedCount = readNumber(
    ctx,
    status?.pausedReplicaCount,
    'status.pausedReplicaCount',
  );
  if (pausedCount !== undefined) so.status.pausedReplicaCount = pausedCount;
  const names = status?.externalMetricNames;
  if (Array.isArray(names)) {
    so.status.externalMetricNames = names.filter(
      (n): n is string => typeof n === 'string',
    );
  }
  so.manifest = toAutoscalerManifest('ScaledObject', obj);
  return so;
}
