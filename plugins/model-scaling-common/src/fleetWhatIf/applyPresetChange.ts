import type { SimulatorHpaSpec, SimulatorKedaSpec } from '../simulator/types';
import type { HpaBehavior, HpaMetricSpec, KedaTrigger } from '../types/status';
import type { FleetWhatIfTarget, PresetChange } from './types';

/** Dotted paths of the leaves where two presets differ (arrays compared whole). */
export function changedPresetFields(before: unknown, after: unknown): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    const isObj = (v: unknown): v is Record<string, unknown> =>
      typeof v === 'object' && v !== null && !Array.isArray(v);
    if (isObj(a) && isObj(b)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const k of [...keys].sort())
        walk(a[k], b[k], path ? `${path}.${k}` : k);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(path);
  };
  walk(before, after, '');
  return out;
}

/** The preset fields the replay shows, and how each reaches the autoscaler. */
const REPLAYED = new Set([
  'minReplicas',
  'maxReplicas',
  'cpuTargetUtilization',
  'memoryTargetUtilization',
  'behavior.scaleUpStabilizationWindowSeconds',
  'behavior.scaleDownStabilizationWindowSeconds',
  'behavior.scaleDownPercent',
  'behavior.scaleDownPeriodSeconds',
  'prometheus.threshold',
  'prometheus.activationThreshold',
  'keda.pollingInterval',
  'keda.cooldownPeriod',
  'kafkaLagThreshold',
  'kafkaActivationLagThreshold',
  'sqsQueueLength',
  'sqsActivationQueueLength',
  'spot',
]);

/** Changed fields split into those the replay shows and those it cannot. */
export function replayedFields(fields: string[]): {
  replayed: string[];
  notReplayed: string[];
} {
  return {
    replayed: fields.filter(f => REPLAYED.has(f)),
    notReplayed: fields.filter(f => !REPLAYED.has(f)),
  };
}

type Leaf = string | number | boolean | undefined;

function leaf(preset: unknown, path: string): Leaf {
  let v: unknown = preset;
  for (const k of path.split('.'))
    v = (v as Record<string, unknown> | undefined)?.[k];
  return v as Leaf;
}

function withBehavior(
  behavior: HpaBehavior | undefined,
  path: string,
  after: unknown,
): HpaBehavior {
  const next: HpaBehavior = {
    ...behavior,
    scaleUp: { ...behavior?.scaleUp },
    scaleDown: { ...behavior?.scaleDown },
  };
  if (path === 'behavior.scaleUpStabilizationWindowSeconds')
    next.scaleUp!.stabilizationWindowSeconds = Number(leaf(after, path));
  else if (path === 'behavior.scaleDownStabilizationWindowSeconds')
    next.scaleDown!.stabilizationWindowSeconds = Number(leaf(after, path));
  else {
    // The golden path writes one Percent policy (see renderers' `behavior`).
    next.scaleDown!.policies = [
      {
        type: 'Percent',
        value: Number(leaf(after, 'behavior.scaleDownPercent')),
        periodSeconds: Number(leaf(after, 'behavior.scaleDownPeriodSeconds')),
      },
    ];
  }
  return next;
}

function withUtilization(
  metrics: HpaMetricSpec[] | undefined,
  resource: 'cpu' | 'memory',
  value: number,
): HpaMetricSpec[] {
  // An HPA without metrics scales on CPU at 80 % (the API default).
  const list =
    metrics && metrics.length > 0
      ? metrics
      : [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: 80 },
            },
          },
        ];
  return list.map(m =>
    m.type === 'Resource' &&
    m.resource?.name === resource &&
    m.resource.target.type === 'Utilization'
      ? {
          ...m,
          resource: {
            ...m.resource,
            target: { ...m.resource.target, averageUtilization: value },
          },
        }
      : m,
  );
}

const TRIGGER_KEYS: Record<string, { type: string[]; key: string }> = {
  'prometheus.threshold': { type: ['prometheus'], key: 'threshold' },
  'prometheus.activationThreshold': {
    type: ['prometheus'],
    key: 'activationThreshold',
  },
  kafkaLagThreshold: { type: ['kafka', 'apache-kafka'], key: 'lagThreshold' },
  kafkaActivationLagThreshold: {
    type: ['kafka', 'apache-kafka'],
    key: 'activationLagThreshold',
  },
  sqsQueueLength: { type: ['aws-sqs-queue'], key: 'queueLength' },
  sqsActivationQueueLength: {
    type: ['aws-sqs-queue'],
    key: 'activationQueueLength',
  },
};

/**
 * A service's target with the preset fields that changed written the way
 * the golden path's renderers write them into its HPA or ScaledObject
 * (min/max, utilization targets, `behavior`, trigger thresholds, KEDA
 * timing, spot capacity). Fields the service's autoscaler does not carry
 * (a kafka threshold on a prometheus trigger) leave it as it is.
 */
export function applyPresetChange(
  target: FleetWhatIfTarget,
  change: PresetChange,
  fields: string[] = replayedFields(
    changedPresetFields(change.before, change.after),
  ).replayed,
): FleetWhatIfTarget {
  let a: SimulatorHpaSpec | SimulatorKedaSpec = target.autoscaler;
  let placement = target.placement;
  for (const path of fields) {
    const value = leaf(change.after, path);
    if (path === 'spot') {
      if (placement)
        placement = { ...placement, capacity: value ? 'spot' : 'on-demand' };
      continue;
    }
    if (path === 'minReplicas') {
      const min = Number(value);
      if (a.kind === 'HorizontalPodAutoscaler')
        a = { ...a, minReplicas: Math.max(1, min) };
      else {
        const next: SimulatorKedaSpec = { ...a, minReplicaCount: min };
        if (next.idleReplicaCount !== undefined && next.idleReplicaCount >= min)
          delete next.idleReplicaCount;
        a = next;
      }
    } else if (path === 'maxReplicas') {
      a =
        a.kind === 'HorizontalPodAutoscaler'
          ? { ...a, maxReplicas: Number(value) }
          : { ...a, maxReplicaCount: Number(value) };
    } else if (path.startsWith('behavior.')) {
      a =
        a.kind === 'HorizontalPodAutoscaler'
          ? { ...a, behavior: withBehavior(a.behavior, path, change.after) }
          : {
              ...a,
              hpaBehavior: withBehavior(a.hpaBehavior, path, change.after),
            };
    } else if (
      path === 'cpuTargetUtilization' ||
      path === 'memoryTargetUtilization'
    ) {
      if (a.kind === 'HorizontalPodAutoscaler')
        a = {
          ...a,
          metrics: withUtilization(
            a.metrics,
            path === 'cpuTargetUtilization' ? 'cpu' : 'memory',
            Number(value),
          ),
        };
    } else if (
      path === 'keda.pollingInterval' ||
      path === 'keda.cooldownPeriod'
    ) {
      if (a.kind === 'ScaledObject')
        a =
          path === 'keda.pollingInterval'
            ? { ...a, pollingInterval: Number(value) }
            : { ...a, cooldownPeriod: Number(value) };
    } else if (TRIGGER_KEYS[path] && a.kind === 'ScaledObject') {
      const { type, key } = TRIGGER_KEYS[path];
      a = {
        ...a,
        triggers: a.triggers.map(
          (t): KedaTrigger =>
            type.includes(t.type)
              ? { ...t, metadata: { ...t.metadata, [key]: String(value) } }
              : t,
        ),
      };
    }
  }
  return { ...target, autoscaler: a, ...(placement && { placement }) };
}
