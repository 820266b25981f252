import { parseAllDocuments } from 'yaml';
import { DEFAULT_PATTERN_PRESETS, PatternPresets } from '../patterns/presets';
import { createPlan } from '../plan/createPlan';
import {
  batchEmbedderAnswers,
  imageClassifierAnswers,
  summarizerAnswers,
  textClassifierAnswers,
} from '../plan/fixtures';
import type { ModelServicePlan } from '../plan/planSchema';
import { applyFileEdits } from './applyFileEdits';
import { applyPlanChanges } from './applyPlanChanges';
import {
  fixIntentForBatchingAdvice,
  fixIntentForFinding,
  presetFixIntents,
} from './fixIntents';
import { pbtxtToPlain } from './pbtxt/parsePbtxt';
import { fixableFiles, proposeFix, proposeFixes } from './proposeFix';
import type { FixIntent } from './types';

/** Presets where every scaling value differs from the defaults, so each plan drifts in every field. */
function shiftedPresets(): PatternPresets {
  const p = JSON.parse(
    JSON.stringify(DEFAULT_PATTERN_PRESETS),
  ) as PatternPresets;
  for (const id of [
    'realtime-cpu',
    'realtime-gpu',
    'async-batch',
    'bursty',
  ] as const) {
    const x = p[id] as any;
    x.behavior.scaleDownStabilizationWindowSeconds += 30;
    x.maxReplicas += 3;
    if (id !== 'bursty') x.minReplicas += 1;
    if (x.keda) {
      x.keda.pollingInterval += 5;
      x.keda.cooldownPeriod += 60;
    }
    if (x.prometheus) {
      x.prometheus.threshold += 20;
      x.prometheus.activationThreshold += 1;
    }
    if (x.batching) {
      x.batching.preferredBatchSizes = [2, 4, 8];
      x.batching.maxQueueDelayMicroseconds = 2000;
    }
  }
  p['realtime-cpu'].cpuTargetUtilization = 60;
  p['realtime-cpu'].memoryTargetUtilization = 75;
  p['async-batch'].kafkaLagThreshold = 250;
  return p;
}

const plans: [string, ModelServicePlan][] = [
  ['realtime-cpu', createPlan(textClassifierAnswers)],
  ['realtime-gpu', createPlan(imageClassifierAnswers)],
  ['async-batch', createPlan(batchEmbedderAnswers)],
  ['bursty', createPlan(summarizerAnswers)],
];

function repository(plan: ModelServicePlan): Map<string, string> {
  return new Map(fixableFiles(plan).map(f => [f.path, f.content]));
}

/** Every kind of fix that applies to a plan. */
function fixKinds(plan: ModelServicePlan): FixIntent[] {
  const presets = shiftedPresets();
  const kinds: FixIntent[] = [];
  const ctx = {
    pattern: plan.pattern,
    presets,
    latencySloMs: plan.model.latencySloMs,
  };
  kinds.push(
    fixIntentForFinding(
      { id: 'default-scale-down-window', subject: 'x' },
      ctx,
    )!,
  );
  if (plan.triton) {
    kinds.push(
      fixIntentForFinding(
        { id: 'queue-delay-exceeds-slo', subject: 'TritonModel/m' },
        ctx,
      )!,
    );
    kinds.push(
      fixIntentForBatchingAdvice({
        model: plan.triton.modelName,
        rateRps: 100,
        sloMs: plan.model.latencySloMs,
        profile: 'p',
        live: {
          dynamicBatching: true,
          preferredBatchSizes: [],
          maxQueueDelayUs: 0,
          replicas: 1,
        },
        recommended: {
          dynamicBatching: true,
          preferredBatchSizes: [8, 16],
          maxQueueDelayUs: 1000,
        } as any,
      })!,
    );
  }
  kinds.push(...presetFixIntents(plan, presets));
  return kinds;
}

/** Compares a repository's files with what the template renders for a plan, object by object. */
function expectRepositoryToMatch(
  repo: Map<string, string>,
  plan: ModelServicePlan,
) {
  for (const file of fixableFiles(plan)) {
    const actual = repo.get(file.path)!;
    // byte for byte: the generated comments are updated too
    expect(actual).toBe(file.content);
    if (file.path.endsWith('.pbtxt')) {
      expect(pbtxtToPlain(actual)).toEqual(pbtxtToPlain(file.content));
    } else if (file.path.endsWith('.json')) {
      expect(JSON.parse(actual)).toEqual(plan);
    } else {
      expect(parseAllDocuments(actual).map((d: any) => d.toJS())).toEqual(
        file.objects,
      );
    }
  }
}

describe('proposeFix on each pattern’s generated repository', () => {
  it.each(plans)('%s: offers fixes of every kind', (_pattern, plan) => {
    const ids = fixKinds(plan).map(f => f.source.kind);
    expect(new Set(ids)).toEqual(
      new Set(
        plan.triton ? ['finding', 'advice', 'drift'] : ['finding', 'drift'],
      ),
    );
  });

  it.each(plans)(
    '%s: each fix makes the repository equal to the template’s output for the changed plan',
    (_pattern, plan) => {
      for (const intent of fixKinds(plan)) {
        const fix = proposeFix(intent, plan);
        const changed = applyPlanChanges(plan, intent.planChanges);
        expect(fix.edits.length).toBeGreaterThan(0);
        const repo = repository(plan);
        const result = applyFileEdits(p => repo.get(p), fix.edits);
        for (const f of result.files) repo.set(f.path, f.after);
        expectRepositoryToMatch(repo, changed);
        // only the files the fix names change
        expect(new Set(result.files.map(f => f.path))).toEqual(
          new Set(fix.edits.map(e => e.file)),
        );
      }
    },
  );

  it.each(plans)(
    '%s: every fix of the plan applied in sequence',
    (_pattern, plan) => {
      const { fixes, plan: changed } = proposeFixes(fixKinds(plan), plan);
      const repo = repository(plan);
      for (const fix of fixes) {
        const result = applyFileEdits(p => repo.get(p), fix.edits);
        for (const f of result.files) repo.set(f.path, f.after);
      }
      expect(fixes.length).toBeGreaterThan(3);
      expectRepositoryToMatch(repo, changed);
    },
  );

  it('offers preset:service and one fix per drifted field, none on the preset', () => {
    const plan = createPlan(textClassifierAnswers);
    expect(presetFixIntents(plan, DEFAULT_PATTERN_PRESETS)).toEqual([]);
    const presets = JSON.parse(
      JSON.stringify(DEFAULT_PATTERN_PRESETS),
    ) as PatternPresets;
    presets['realtime-cpu'].cpuTargetUtilization = 65;
    expect(presetFixIntents(plan, presets).map(f => f.id)).toEqual([
      'hpa.spec.metrics[cpu].target.averageUtilization:service',
      'preset:service',
    ]);
  });

  it('names the scale-down window of the ScaledObject document', () => {
    const plan = plans[1][1];
    const fix = proposeFix(
      fixIntentForFinding(
        {
          id: 'default-scale-down-window',
          subject: 'ScaledObject/image-classifier',
        },
        { pattern: 'realtime-gpu', presets: shiftedPresets() },
      )!,
      plan,
    );
    expect(fix.id).toBe(
      'default-scale-down-window:ScaledObject/image-classifier',
    );
    expect(fix.edits.filter(e => !e.part)).toEqual([
      expect.objectContaining({
        file: 'k8s/scaledobject.yaml',
        format: 'yaml',
        document: { kind: 'ScaledObject', name: 'image-classifier' },
        path: [
          'spec',
          'advanced',
          'horizontalPodAutoscalerConfig',
          'behavior',
          'scaleDown',
          'stabilizationWindowSeconds',
        ],
        from: 120,
        to: 150,
      }),
      expect.objectContaining({
        file: '.model-scaling/plan.json',
        format: 'json',
        path: ['autoscaler', 'behavior', 'scaleDownStabilizationWindowSeconds'],
        from: 120,
        to: 150,
      }),
    ]);
  });

  it('edits config.pbtxt fields by name', () => {
    const plan = plans[1][1];
    const fix = proposeFix(
      fixIntentForFinding(
        { id: 'queue-delay-exceeds-slo', subject: 'TritonModel/resnet50' },
        {
          pattern: 'realtime-gpu',
          presets: shiftedPresets(),
          latencySloMs: 20,
        },
      )!,
      plan,
    );
    expect(fix.edits.filter(e => e.format === 'pbtxt' && !e.part)).toEqual([
      expect.objectContaining({
        file: 'model_repository/resnet50/config.pbtxt',
        path: ['dynamic_batching', 'preferred_batch_size'],
        from: [4, 8, 16],
        to: [2, 4, 8],
      }),
      expect.objectContaining({
        path: ['dynamic_batching', 'max_queue_delay_microseconds'],
        from: 5000,
        to: 2000,
      }),
    ]);
  });

  it('refuses plan changes outside the scaling fields and invalid plans, naming the field', () => {
    const plan = plans[0][1];
    const bad = (planChanges: FixIntent['planChanges']) => () =>
      proposeFix(
        {
          id: 'x',
          title: 'x',
          source: { kind: 'finding', id: 'x' },
          planChanges,
        },
        plan,
      );
    expect(bad([{ path: ['name'], to: 'other' }])).toThrow(
      /planChanges: name is not a field a fix may change/,
    );
    expect(bad([{ path: ['replicas', 'min'], to: 50 }])).toThrow(
      /replicas\.min: must not exceed replicas\.max/,
    );
    expect(bad([{ path: ['name'], to: 'x' }])).toThrow(
      expect.objectContaining({
        name: 'InputError',
        code: 'invalid-plan-change',
      }),
    );
  });
});
