import {
  ModelServicePlan,
  PatternPresets,
  PatternRecommendation,
  PlanValidationError,
  createPlan,
  recommendPattern,
} from '@internal/plugin-model-scaling-common';
import { ModelServiceFormData, formAnswers } from './formAnswers';

/** Form labels of the plan's fields, so a problem names the field the user sees. */
const FIELD_LABELS: [RegExp, string][] = [
  [/^replicas\.min$/, 'Minimum replicas'],
  [/^replicas\.max$/, 'Maximum replicas'],
  [/^batching\.preferredBatchSizes/, 'Preferred batch sizes'],
  [/^batching\.maxQueueDelayMicroseconds$/, 'Max queue delay (µs)'],
  [/^batching\.maxBatchSize$/, 'Max batch size'],
  [/^gpu\.migProfile$/, 'MIG profile'],
  [/^gpu\.model$/, 'GPU model'],
  [/^gpu\.sharing$/, 'GPU sharing'],
  [/^gpu$/, 'GPU sharing'],
  [/^modelSizeGb$/, 'Model size (GB)'],
  [/^latencySloMs$/, 'Latency SLO (ms)'],
  [/^peakRps$/, 'Peak requests per second'],
  [/^hpa\.cpuTargetUtilization$/, 'CPU target (% of request)'],
  [/^hpa\.memoryTargetUtilization$/, 'Memory target (% of request)'],
  [/^keda\.threshold$/, 'Requests per second per replica'],
  [/^queue\.bootstrapServers$/, 'Kafka bootstrap servers'],
  [/^queue\.topic$/, 'Kafka topic'],
  [/^queue\.queueUrl$/, 'SQS queue URL'],
  [/^queue\.(lagThreshold|queueLength)$/, 'Backlog per replica'],
  [/^scaleToZero\.activationThreshold$/, 'Activation threshold (req/s)'],
  [/^scaleToZero\.coldStartBudgetSeconds$/, 'Cold-start budget (s)'],
  [/^spot$/, 'Run on spot capacity'],
  [/^pattern$/, 'Scaling pattern'],
  [/^name$/, 'Name'],
  [/^owner$/, 'Owner'],
];

/** The label of a plan field as the form shows it (the dotted path when unknown). */
export function fieldLabel(field: string): string {
  return FIELD_LABELS.find(([re]) => re.test(field))?.[1] ?? field;
}

/** One problem of the answers, named by its form field. */
export interface FormProblem {
  field: string;
  label: string;
  message: string;
}

/** The resolved plan in the few words the form and the Review page show. */
export interface PlanSummary {
  pattern: string;
  reason: string;
  replicas: string;
  autoscaler: string;
  batching: string;
  gpu: string;
}

/** What the form knows about the plan so far. */
export type PlanPreview =
  | { kind: 'incomplete'; missing: string[] }
  | {
      kind: 'plan';
      recommendation: PatternRecommendation;
      plan: ModelServicePlan;
      summary: PlanSummary;
    }
  | {
      kind: 'problems';
      recommendation?: PatternRecommendation;
      problems: FormProblem[];
    };

const REQUIRED: [string, string][] = [
  ['modelSizeGb', 'Model size (GB)'],
  ['latencySloMs', 'Latency SLO (ms)'],
  ['peakRps', 'Peak requests per second'],
];

const fmt = new Intl.NumberFormat('en-US');

/** The plan in words: pattern, replicas, autoscaler, batching and GPU. */
export function summarizePlan(
  plan: ModelServicePlan,
  auto: boolean,
): PlanSummary {
  const a = plan.autoscaler;
  let autoscaler: string;
  if (a.kind === 'hpa') {
    autoscaler = `HPA on CPU ${a.cpuTargetUtilization} % and memory ${a.memoryTargetUtilization} %`;
  } else if (a.trigger.type === 'prometheus') {
    autoscaler = `KEDA on the request rate, ${fmt.format(
      a.trigger.threshold,
    )} req/s per replica`;
  } else if (a.trigger.type === 'kafka') {
    autoscaler = `KEDA on Kafka lag, ${fmt.format(
      a.trigger.lagThreshold,
    )} messages per replica`;
  } else {
    autoscaler = `KEDA on SQS queue length, ${fmt.format(
      a.trigger.queueLength,
    )} messages per replica`;
  }
  const t = plan.triton;
  const g = plan.gpu;
  let gpu = 'none (CPU only)';
  if (g) {
    gpu =
      g.sharing === 'mig'
        ? `MIG ${g.migProfile ?? ''}${g.gpuModel ? ` on ${g.gpuModel}` : ''}`
        : `${g.sharing}, ${g.count} × ${g.resourceName} per pod`;
  }
  return {
    pattern: auto
      ? `${plan.pattern} (recommended for your answers)`
      : `${plan.pattern}${
          plan.pattern === plan.recommendedPattern
            ? ' (also the recommendation)'
            : ` (chosen; the recommendation is ${plan.recommendedPattern})`
        }`,
    reason: plan.rationale[0] ?? '',
    replicas: `${plan.replicas.min} to ${plan.replicas.max}`,
    autoscaler,
    batching: t
      ? `preferred [${t.preferredBatchSizes.join(', ')}], max batch ${
          t.maxBatchSize
        }, queue delay ${fmt.format(t.maxQueueDelayMicroseconds)} µs`
      : 'none (no Triton)',
    gpu,
  };
}

/**
 * Resolves the plan the `model-service:plan:create` step will make from the
 * form data, with the same presets and rules (`createPlan` of the common
 * library): the recommendation and its reason, the resolved settings, or
 * every problem named by its form field.
 */
export function planPreview(
  data: ModelServiceFormData,
  presets: PatternPresets,
): PlanPreview {
  const missing = REQUIRED.filter(([key]) => typeof data[key] !== 'number').map(
    ([, label]) => label,
  );
  if (missing.length > 0) return { kind: 'incomplete', missing };
  const answers = formAnswers(data);
  let recommendation: PatternRecommendation | undefined;
  try {
    recommendation = recommendPattern(answers, presets);
  } catch {
    recommendation = undefined;
  }
  try {
    const plan = createPlan(answers, presets);
    return {
      kind: 'plan',
      recommendation: recommendation ?? {
        pattern: plan.recommendedPattern,
        rationale: plan.rationale,
      },
      plan,
      summary: summarizePlan(plan, answers.pattern === 'auto'),
    };
  } catch (e) {
    if (e instanceof PlanValidationError) {
      return {
        kind: 'problems',
        ...(recommendation && { recommendation }),
        problems: e.problems.map(p => ({
          field: p.field,
          label: fieldLabel(p.field),
          message: p.message,
        })),
      };
    }
    throw e;
  }
}
