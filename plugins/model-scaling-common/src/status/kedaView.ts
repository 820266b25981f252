import type { KedaView, SlimScaledObject } from '../types/status';
import { toConditionViews } from './conditionPlain';
import { kedaTriggerThresholds } from './kedaTriggers';

/** KEDA's defaults for ScaledObject fields left unset. */
export const KEDA_DEFAULTS = {
  pollingInterval: 30,
  cooldownPeriod: 300,
  minReplicaCount: 0,
  maxReplicaCount: 100,
} as const;

/** True when KEDA is serving fallback replicas: the Fallback condition, or a trigger past its failure threshold. */
export function isKedaFallbackActive(so: SlimScaledObject): boolean {
  if (
    so.status.conditions.some(c => c.type === 'Fallback' && c.status === 'True')
  )
    return true;
  const threshold = so.fallback?.failureThreshold;
  return (
    threshold !== undefined &&
    Object.values(so.status.health).some(
      h => h.status === 'Failing' && h.numberOfFailures > threshold,
    )
  );
}

/**
 * The autoscaler card's view of a KEDA ScaledObject: KEDA's defaults applied,
 * each trigger's target and activation thresholds, readiness, activity,
 * fallback and pause state, conditions in plain words.
 */
export function kedaView(so: SlimScaledObject): KedaView {
  const condition = (type: string) =>
    so.status.conditions.find(c => c.type === type);
  const view: KedaView = {
    name: so.meta.name,
    minReplicaCount: so.minReplicaCount ?? KEDA_DEFAULTS.minReplicaCount,
    maxReplicaCount: so.maxReplicaCount ?? KEDA_DEFAULTS.maxReplicaCount,
    cooldownPeriod: so.cooldownPeriod ?? KEDA_DEFAULTS.cooldownPeriod,
    pollingInterval: so.pollingInterval ?? KEDA_DEFAULTS.pollingInterval,
    triggers: so.triggers.map(t => {
      const { threshold, activationThreshold } = kedaTriggerThresholds(t);
      return {
        type: t.type,
        ...(t.name ? { name: t.name } : {}),
        ...(threshold !== undefined ? { threshold } : {}),
        activationThreshold,
        metadata: t.metadata,
      };
    }),
    paused: so.paused,
    fallbackActive: isKedaFallbackActive(so),
    conditions: toConditionViews(so.status.conditions),
    health: so.status.health,
  };
  const ready = condition('Ready');
  if (ready && ready.status !== 'Unknown') view.ready = ready.status === 'True';
  const active = condition('Active');
  if (active && active.status !== 'Unknown')
    view.active = active.status === 'True';
  if (so.idleReplicaCount !== undefined)
    view.idleReplicaCount = so.idleReplicaCount;
  if (so.fallback) view.fallback = so.fallback;
  if (so.hpaBehavior) view.hpaBehavior = so.hpaBehavior;
  if (so.status.hpaName) view.hpaName = so.status.hpaName;
  if (so.status.lastActiveTime) view.lastActiveTime = so.status.lastActiveTime;
  if (so.manifest) view.manifest = so.manifest;
  return view;
}
