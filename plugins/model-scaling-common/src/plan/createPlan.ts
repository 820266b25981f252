import type { PatternId } from '../types/status';
import { DEFAULT_PATTERN_PRESETS, PatternPresets } from '../patterns/presets';
import { formatMemory } from '../patterns/quantity';
import { parseQuantity } from '../quantity';
import {
  ModelServiceAnswers,
  ParsedModelServiceAnswers,
  modelServiceAnswersSchema,
} from './answersSchema';
import { ModelServicePlan, modelServicePlanSchema } from './planSchema';
import { PlanValidationError } from './PlanValidationError';
import { ProblemList, problemsFromIssues } from './problems';
import { recommendPattern } from './recommendPattern';
import { estimateColdStartSeconds } from './coldStart';
import { planGpu } from './planGpu';
import { planBatching } from './planBatching';
import { planAutoscaler } from './planAutoscaler';
import { TRITON_BACKEND_BY_FRAMEWORK } from './tritonBackend';

const GiB = 1024 ** 3;
const CONSUMER_SIDECAR = { cpu: '500m', memory: '512Mi' };

/**
 * Memory request for a container that holds the model: the preset, raised so
 * the weights take at most about half of it. With a memory utilization
 * target of 80 %, a request the weights alone nearly fill would keep the HPA
 * at its maximum forever.
 */
export function memoryForModel(presetMemory: string, modelSizeGb: number) {
  const needed = (2 * modelSizeGb + 0.5) * GiB;
  const bytes = Math.max(parseQuantity(presetMemory), needed);
  return formatMemory(Math.ceil(bytes / (256 * 1024 ** 2)) * 256 * 1024 ** 2);
}

function parseAnswers(answers: unknown): ParsedModelServiceAnswers {
  const parsed = modelServiceAnswersSchema.safeParse(answers);
  if (!parsed.success) {
    throw new PlanValidationError(problemsFromIssues(parsed.error.issues));
  }
  return parsed.data;
}

function choosePattern(
  answers: ParsedModelServiceAnswers,
  presets: PatternPresets,
  problems: ProblemList,
) {
  const recommendation = recommendPattern(answers, presets);
  const pattern: PatternId =
    answers.pattern === 'auto' ? recommendation.pattern : answers.pattern;
  const rationale =
    pattern === recommendation.pattern
      ? [...recommendation.rationale]
      : [
          `You chose ${pattern}; the recommendation was ${recommendation.pattern}: ${recommendation.rationale[0]}`,
        ];
  if (pattern === 'realtime-gpu' && !answers.needsGpu) {
    problems.add(
      'pattern',
      'realtime-gpu runs the model on a GPU, but the model is marked CPU-only (needsGpu is false)',
    );
  }
  if (pattern === 'realtime-cpu' && answers.needsGpu) {
    problems.add(
      'pattern',
      'realtime-cpu runs on CPU only, but the model needs a GPU (needsGpu is true)',
    );
  }
  if (answers.gpu && !answers.needsGpu) {
    problems.add('gpu', 'GPU options are set, but needsGpu is false');
  }
  if (answers.spot && pattern !== 'async-batch') {
    problems.add(
      'spot',
      `${pattern} serves callers who wait; a spot interruption drops their requests, so only async-batch runs on spot capacity`,
    );
  }
  return { pattern, recommended: recommendation.pattern, rationale };
}

function planReplicas(
  pattern: PatternId,
  answers: ParsedModelServiceAnswers,
  presets: PatternPresets,
  problems: ProblemList,
  rationale: string[],
) {
  const preset = presets[pattern];
  let defaultMax = preset.maxReplicas;
  if (pattern === 'realtime-gpu' || pattern === 'bursty') {
    const threshold =
      answers.keda?.threshold ?? presets[pattern].prometheus.threshold;
    const forPeak = Math.min(
      1000,
      Math.ceil((answers.peakRps / threshold) * 1.25),
    );
    if (forPeak > defaultMax) {
      defaultMax = forPeak;
      const chosen = answers.replicas?.max;
      // The rationale describes the maximum the plan really has: a maximum
      // given in the answers wins over the one sized for the peak.
      rationale.push(
        chosen === undefined
          ? `maxReplicas is raised from ${preset.maxReplicas} to ${forPeak}: a peak of ${answers.peakRps} req/s at ${threshold} req/s per pod, with 25 % headroom.`
          : `maxReplicas stays at ${chosen} as chosen, although a peak of ${answers.peakRps} req/s at ${threshold} req/s per pod would need ${forPeak} with 25 % headroom.`,
      );
    }
  }
  const min = answers.replicas?.min ?? preset.minReplicas;
  const max = answers.replicas?.max ?? Math.max(defaultMax, min);

  if (pattern === 'bursty' && min !== 0) {
    problems.add(
      'replicas.min',
      `must be 0 for the bursty pattern, which scales to zero (got ${min}); choose a realtime pattern to keep warm replicas`,
    );
  }
  if ((pattern === 'realtime-cpu' || pattern === 'realtime-gpu') && min < 1) {
    problems.add(
      'replicas.min',
      `${pattern} keeps warm replicas and needs at least 1; choose bursty to scale to zero`,
    );
  }
  if (min > max) {
    problems.add(
      'replicas.min',
      `must not exceed replicas.max (${min} > ${max})`,
    );
  }
  return { min, max };
}

/**
 * Validates the answers, picks the pattern (the recommendation for `auto`),
 * merges in the golden-path presets and returns a complete plan. Throws a
 * {@link PlanValidationError} naming every field that breaks a rule.
 */
export function createPlan(
  answers: ModelServiceAnswers,
  presets: PatternPresets = DEFAULT_PATTERN_PRESETS,
): ModelServicePlan {
  const a = parseAnswers(answers);
  const problems = new ProblemList();
  const { pattern, recommended, rationale } = choosePattern(
    a,
    presets,
    problems,
  );
  const replicas = planReplicas(pattern, a, presets, problems, rationale);
  const modelName = a.tritonModelName ?? a.name;

  let triton: ModelServicePlan['triton'];
  let gpu: ModelServicePlan['gpu'];
  if (a.needsGpu && pattern !== 'realtime-cpu') {
    const p = presets[pattern];
    gpu = planGpu(a, p, problems);
    const batching = planBatching(a, p.batching, problems, rationale);
    triton = {
      image: a.tritonImage ?? p.tritonImage,
      modelName,
      backend: TRITON_BACKEND_BY_FRAMEWORK[a.framework],
      modelRepository: a.modelRepository ?? '/models',
      ...batching,
      instanceKind: 'KIND_GPU',
      instanceCount: 1,
      resources: {
        cpu: p.resources.cpu,
        memory: memoryForModel(p.resources.memory, a.modelSizeGb),
      },
    };
  }

  const preset = presets[pattern];
  let app: ModelServicePlan['app'];
  if (!triton) {
    app = {
      image: a.image ?? `${a.name}:0.1.0`,
      port: a.port ?? 8080,
      healthPath: a.healthPath ?? '/healthz',
      resources: {
        cpu: preset.resources.cpu,
        memory: memoryForModel(preset.resources.memory, a.modelSizeGb),
      },
    };
  } else if (pattern === 'async-batch') {
    app = {
      image: a.image ?? `${a.name}:0.1.0`,
      resources: { ...CONSUMER_SIDECAR },
    };
  }

  const autoscaler = planAutoscaler(pattern, a, presets, modelName, problems);

  let spot: ModelServicePlan['spot'];
  let terminationGracePeriodSeconds = a.needsGpu ? 60 : 30;
  let checkpointing: string | undefined;
  let coldStartBudgetSeconds: number | undefined;
  if (pattern === 'async-batch') {
    const p = presets['async-batch'];
    terminationGracePeriodSeconds = p.terminationGracePeriodSeconds;
    if (a.spot ?? p.spot) {
      spot = { required: a.spotRequired ?? false };
      rationale.push(
        `Consumers ${
          spot.required ? 'must run' : 'prefer to run'
        } on spot capacity and get ${terminationGracePeriodSeconds} s to finish their batch when a node is reclaimed.`,
      );
    }
    checkpointing =
      autoscaler?.kind === 'keda' && autoscaler.trigger.type === 'aws-sqs-queue'
        ? 'Delete each message only after its result is written; a message taken by an interrupted pod reappears after its visibility timeout.'
        : 'Commit consumer offsets only after a batch’s results are written; a pod stopped by a spot interruption then replays at most one batch.';
    if (autoscaler?.kind === 'keda' && autoscaler.trigger.type === 'kafka') {
      rationale.push(
        "KEDA's kafka scaler does not add consumers beyond the topic's partition count: keep maxReplicas at or below the number of partitions.",
      );
    }
  }
  if (pattern === 'bursty') {
    coldStartBudgetSeconds =
      a.scaleToZero?.coldStartBudgetSeconds ??
      presets.bursty.coldStartBudgetSeconds;
    const estimate = estimateColdStartSeconds(a.modelSizeGb, a.needsGpu);
    rationale.push(
      `Cold-start budget: ${coldStartBudgetSeconds} s (estimated ${estimate} s on an existing node); the Scaling tab compares it with measured pod start times.`,
    );
  }
  if (autoscaler) {
    rationale.push(
      `Scale-down stabilization window: ${autoscaler.behavior.scaleDownStabilizationWindowSeconds} s, set explicitly instead of the Kubernetes default of 300 s.`,
    );
  }

  if (autoscaler?.kind === 'keda') {
    const t = autoscaler.trigger;
    const wanted =
      t.type === 'prometheus'
        ? Math.ceil(a.peakRps / t.threshold)
        : Math.ceil(replicas.max / 4);
    const fallbackReplicas = Math.min(
      replicas.max,
      Math.max(replicas.min, 1, wanted),
    );
    autoscaler.fallback = { failureThreshold: 3, replicas: fallbackReplicas };
    rationale.push(
      `If the ${t.type} metric cannot be read 3 times in a row, KEDA holds ${fallbackReplicas} replicas instead of guessing.`,
    );
  }

  if (!problems.empty || !autoscaler) {
    throw new PlanValidationError(problems.items);
  }

  const plan: ModelServicePlan = {
    version: 1,
    name: a.name,
    namespace: a.namespace,
    owner: a.owner,
    description: a.description,
    pattern,
    recommendedPattern: recommended,
    rationale,
    model: {
      framework: a.framework,
      sizeGb: a.modelSizeGb,
      needsGpu: a.needsGpu,
      latencySloMs: a.latencySloMs,
      peakRps: a.peakRps,
      trafficShape: a.trafficShape,
    },
    replicas,
    ...(app ? { app } : {}),
    ...(triton ? { triton } : {}),
    ...(gpu ? { gpu } : {}),
    autoscaler,
    ...(spot ? { spot } : {}),
    terminationGracePeriodSeconds,
    ...(coldStartBudgetSeconds !== undefined ? { coldStartBudgetSeconds } : {}),
    ...(checkpointing ? { checkpointing } : {}),
  };
  return parsePlan(plan);
}

/** Validates a plan (e.g. one read from a JSON file); throws {@link PlanValidationError}. */
export function parsePlan(plan: unknown): ModelServicePlan {
  const parsed = modelServicePlanSchema.safeParse(plan);
  if (!parsed.success) {
    throw new PlanValidationError(
      problemsFromIssues(parsed.error.issues),
      'model service plan',
    );
  }
  return parsed.data;
}
