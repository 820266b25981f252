// long-file: the fix of every finding, advice and drift field in one table, so none is missed.
import type { BatchingAdviceSummary } from '../findings/rules/batchingSaving';
import type { PatternPresets } from '../patterns/presets';
import type { ModelServicePlan } from '../plan/planSchema';
import type { DriftItem, Finding, PatternId } from '../types/status';
import { applyPlanChanges } from './applyPlanChanges';
import { sameValue } from './diffValues';
import type { FixIntent, FixSource, PlanFieldChange } from './types';

/** The stable id of a fix: `${source.id}:${source.subject ?? 'service'}`. */
export function fixIdOf(source: FixSource): string {
  return `${source.id}:${source.subject ?? 'service'}`;
}

function intent(
  source: FixSource,
  title: string,
  planChanges: PlanFieldChange[],
): FixIntent {
  return { id: fixIdOf(source), title, source, planChanges };
}

const WINDOW: PlanFieldChange['path'] = [
  'autoscaler',
  'behavior',
  'scaleDownStabilizationWindowSeconds',
];

/**
 * The fix a finding carries, when it is a change of the service's files:
 * the plan fields to set (to the golden-path preset of the pattern, or the
 * value the finding names). Findings about the cluster (pending pods, trigger
 * errors, a downstream bottleneck) have none.
 */
export function fixIntentForFinding(
  finding: Pick<Finding, 'id' | 'subject'>,
  context: {
    pattern?: PatternId;
    presets: PatternPresets;
    latencySloMs?: number;
  },
): FixIntent | undefined {
  const { pattern, presets } = context;
  const source: FixSource = {
    kind: 'finding',
    id: finding.id,
    subject: finding.subject,
  };
  if (!pattern) return undefined;
  const preset = presets[pattern];
  switch (finding.id) {
    case 'default-scale-down-window': {
      const to = preset.behavior.scaleDownStabilizationWindowSeconds;
      return intent(
        source,
        `Set the scale-down stabilization window to ${to} s (${pattern} preset)`,
        [{ path: WINDOW, to }],
      );
    }
    case 'dynamic-batching-off':
    case 'queue-delay-exceeds-slo': {
      if (pattern === 'realtime-cpu') return undefined;
      const batching = presets[pattern].batching;
      let delay = batching.maxQueueDelayMicroseconds;
      const slo = context.latencySloMs;
      if (slo !== undefined && delay >= (slo * 1000) / 2)
        delay = Math.round((slo * 1000) / 4);
      return intent(
        source,
        `Dynamic batching: preferred [${batching.preferredBatchSizes.join(
          ', ',
        )}], queue delay ${delay} µs`,
        [
          {
            path: ['triton', 'preferredBatchSizes'],
            to: batching.preferredBatchSizes,
          },
          { path: ['triton', 'maxQueueDelayMicroseconds'], to: delay },
        ],
      );
    }
    case 'realtime-on-spot':
      return intent(
        source,
        'Run real-time replicas on on-demand capacity (no spot affinity)',
        [{ path: ['spot'], to: undefined }],
      );
    default:
      return undefined;
  }
}

/** The fix of the batching advisor's recommendation for one Triton model. */
export function fixIntentForBatchingAdvice(
  advice: BatchingAdviceSummary,
): FixIntent | undefined {
  const rec = advice.recommended;
  if (!rec || !rec.dynamicBatching) return undefined;
  return intent(
    {
      kind: 'advice',
      id: 'batching-advice',
      subject: `TritonModel/${advice.model}`,
    },
    `Batching of ${advice.model}: preferred [${rec.preferredBatchSizes.join(
      ', ',
    )}], queue delay ${rec.maxQueueDelayUs} µs`,
    [
      { path: ['triton', 'preferredBatchSizes'], to: rec.preferredBatchSizes },
      {
        path: ['triton', 'maxQueueDelayMicroseconds'],
        to: rec.maxQueueDelayUs,
      },
    ],
  );
}

/** Plan fields and their golden-path values, per drift field name of `detectDrift`. */
function presetFields(
  pattern: PatternId,
  presets: PatternPresets,
  plan?: ModelServicePlan,
): { field: string; path: PlanFieldChange['path']; to: unknown }[] {
  const behaviorWindow = (field: string, to: number) => ({
    field,
    path: WINDOW,
    to,
  });
  if (pattern === 'realtime-cpu') {
    const p = presets['realtime-cpu'];
    return [
      {
        field: 'hpa.spec.minReplicas',
        path: ['replicas', 'min'],
        to: p.minReplicas,
      },
      {
        field: 'hpa.spec.maxReplicas',
        path: ['replicas', 'max'],
        to: p.maxReplicas,
      },
      {
        field: 'hpa.spec.metrics[cpu].target.averageUtilization',
        path: ['autoscaler', 'cpuTargetUtilization'],
        to: p.cpuTargetUtilization,
      },
      {
        field: 'hpa.spec.metrics[memory].target.averageUtilization',
        path: ['autoscaler', 'memoryTargetUtilization'],
        to: p.memoryTargetUtilization,
      },
      behaviorWindow(
        'hpa.spec.behavior.scaleDown.stabilizationWindowSeconds',
        p.behavior.scaleDownStabilizationWindowSeconds,
      ),
    ];
  }
  const p = presets[pattern];
  const so = 'scaledObject.spec';
  const out: { field: string; path: PlanFieldChange['path']; to: unknown }[] = [
    {
      field: `${so}.minReplicaCount`,
      path: ['replicas', 'min'],
      to: p.minReplicas,
    },
    {
      field: `${so}.maxReplicaCount`,
      path: ['replicas', 'max'],
      to: p.maxReplicas,
    },
    {
      field: `${so}.pollingInterval`,
      path: ['autoscaler', 'pollingInterval'],
      to: p.keda.pollingInterval,
    },
    {
      field: `${so}.cooldownPeriod`,
      path: ['autoscaler', 'cooldownPeriod'],
      to: p.keda.cooldownPeriod,
    },
    behaviorWindow(
      `${so}.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds`,
      p.behavior.scaleDownStabilizationWindowSeconds,
    ),
  ];
  if (pattern === 'async-batch') {
    const a = presets['async-batch'];
    out.push(
      {
        field: `${so}.triggers[kafka].metadata.lagThreshold`,
        path: ['autoscaler', 'trigger', 'lagThreshold'],
        to: a.kafkaLagThreshold,
      },
      {
        field: `${so}.triggers[aws-sqs-queue].metadata.queueLength`,
        path: ['autoscaler', 'trigger', 'queueLength'],
        to: a.sqsQueueLength,
      },
    );
  } else {
    const prom = presets[pattern].prometheus;
    out.push(
      {
        field: `${so}.triggers[prometheus].metadata.threshold`,
        path: ['autoscaler', 'trigger', 'threshold'],
        to: prom.threshold,
      },
      {
        field: `${so}.triggers[prometheus].metadata.activationThreshold`,
        path: ['autoscaler', 'trigger', 'activationThreshold'],
        to: prom.activationThreshold,
      },
    );
  }
  const model = plan?.triton?.modelName;
  const at = model ? `triton.${model}.dynamic_batching` : undefined;
  if (at) {
    out.push(
      {
        field: `${at}.preferred_batch_size`,
        path: ['triton', 'preferredBatchSizes'],
        to: p.batching.preferredBatchSizes,
      },
      {
        field: `${at}.max_queue_delay_microseconds`,
        path: ['triton', 'maxQueueDelayMicroseconds'],
        to: p.batching.maxQueueDelayMicroseconds,
      },
    );
  }
  return out;
}

function planValue(
  plan: ModelServicePlan,
  path: PlanFieldChange['path'],
): unknown {
  let node: unknown = plan;
  for (const key of path) {
    node =
      node && typeof node === 'object'
        ? (node as Record<string | number, unknown>)[key]
        : undefined;
  }
  return node;
}

/**
 * The fix of one drift item of `detectDrift`: set the drifted field to the
 * golden-path preset. Drift the plan cannot express (autoscaler kind, GPU
 * sharing, a second autoscaler) has none.
 */
export function fixIntentForDrift(
  item: Pick<DriftItem, 'field'>,
  pattern: PatternId,
  presets: PatternPresets,
): FixIntent | undefined {
  const model = /^triton\.(.+)\.dynamic_batching/.exec(item.field)?.[1];
  const fields = presetFields(
    pattern,
    presets,
    model ? ({ triton: { modelName: model } } as ModelServicePlan) : undefined,
  );
  const f = fields.find(x => x.field === item.field);
  if (!f) return undefined;
  return intent(
    { kind: 'drift', id: item.field },
    `Bring ${item.field} to the ${pattern} preset (${
      Array.isArray(f.to) ? `[${f.to.join(', ')}]` : String(f.to)
    })`,
    [{ path: f.path, to: f.to }],
  );
}

/**
 * The preset fixes a repository's plan offers: one per plan field that
 * differs from its pattern's golden-path preset (ids `<drift field>:service`),
 * and `preset:service` with all of them together ("Bring to preset"; offered
 * whenever one field drifts, so callers can always ask for it). A
 * change that would make the plan invalid (e.g. a preset queue delay above
 * the service's SLO) is left out.
 */
export function presetFixIntents(
  plan: ModelServicePlan,
  presets: PatternPresets,
): FixIntent[] {
  const out: FixIntent[] = [];
  for (const f of presetFields(plan.pattern, presets, plan)) {
    const current = planValue(plan, f.path);
    if (current === undefined || sameValue(current, f.to)) continue;
    const fix = fixIntentForDrift({ field: f.field }, plan.pattern, presets);
    if (!fix) continue;
    try {
      applyPlanChanges(plan, fix.planChanges);
      out.push(fix);
    } catch {
      // not expressible for this service; the drift stays visible
    }
  }
  if (out.length > 0) {
    const all = out.flatMap(f => f.planChanges);
    try {
      applyPlanChanges(plan, all);
      out.push(
        intent(
          { kind: 'drift', id: 'preset' },
          `Bring ${plan.name} to the ${plan.pattern} preset`,
          all,
        ),
      );
    } catch {
      // the fields only fit one at a time
    }
  }
  return out;
}
