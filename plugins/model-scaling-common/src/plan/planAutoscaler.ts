import type { PatternId } from '../types/status';
import type {
  PatternPresets,
  PrometheusTriggerPreset,
} from '../patterns/presets';
import type { ParsedModelServiceAnswers } from './answersSchema';
import type { ModelServicePlan } from './planSchema';
import type { ProblemList } from './problems';

type Autoscaler = ModelServicePlan['autoscaler'];
type KedaAutoscaler = Extract<Autoscaler, { kind: 'keda' }>;

const SQS_URL =
  /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/\d+\/[\w-]+(?:\.fifo)?$/;

/** Fills `{{namespace}}`, `{{service}}`, `{{name}}` and `{{model}}` into a PromQL template. */
export function fillQueryTemplate(
  template: string,
  values: { namespace: string; name: string; model: string },
): string {
  return template
    .replace(/\{\{\s*namespace\s*\}\}/g, values.namespace)
    .replace(/\{\{\s*(service|name)\s*\}\}/g, values.name)
    .replace(/\{\{\s*model\s*\}\}/g, values.model);
}

function prometheusTrigger(
  answers: ParsedModelServiceAnswers,
  preset: PrometheusTriggerPreset,
  activationOverride: { field: string; value?: number },
  modelName: string,
  problems: ProblemList,
): KedaAutoscaler['trigger'] {
  const threshold = answers.keda?.threshold ?? preset.threshold;
  const activationThreshold =
    activationOverride.value ?? preset.activationThreshold;
  if (activationThreshold >= threshold) {
    problems.add(
      activationOverride.value !== undefined
        ? activationOverride.field
        : 'keda.threshold',
      `the activation threshold (${activationThreshold}) must be below the scaling threshold (${threshold} req/s per pod)`,
    );
  }
  return {
    type: 'prometheus',
    serverAddress: preset.serverAddress,
    query: fillQueryTemplate(preset.query, {
      namespace: answers.namespace,
      name: answers.name,
      model: modelName,
    }),
    threshold,
    activationThreshold,
  };
}

function queueTrigger(
  answers: ParsedModelServiceAnswers,
  preset: PatternPresets['async-batch'],
  problems: ProblemList,
): KedaAutoscaler['trigger'] | undefined {
  const q = answers.queue ?? {};
  const type = q.type ?? preset.queueType;
  if (type === 'kafka') {
    if (!q.bootstrapServers) {
      problems.add('queue.bootstrapServers', 'is required for a kafka queue');
    }
    if (!q.topic) {
      problems.add('queue.topic', 'is required for a kafka queue');
    }
    const sasl = q.sasl ?? 'none';
    return {
      type: 'kafka',
      bootstrapServers: q.bootstrapServers ?? '',
      topic: q.topic ?? '',
      consumerGroup: q.consumerGroup ?? answers.name,
      lagThreshold: q.lagThreshold ?? preset.kafkaLagThreshold,
      activationLagThreshold:
        q.activationLagThreshold ?? preset.kafkaActivationLagThreshold,
      offsetResetPolicy: 'earliest',
      sasl,
      tls: q.tls ?? false,
      ...(sasl !== 'none'
        ? {
            credentialsSecret:
              q.credentialsSecret ?? `${answers.name}-kafka-credentials`,
          }
        : {}),
    };
  }
  if (!q.queueUrl) {
    problems.add('queue.queueUrl', 'is required for an aws-sqs-queue queue');
    return undefined;
  }
  const region = q.awsRegion ?? SQS_URL.exec(q.queueUrl)?.[1];
  if (!region) {
    problems.add(
      'queue.awsRegion',
      'is required when it cannot be read from queue.queueUrl (https://sqs.<region>.amazonaws.com/<account>/<queue>)',
    );
    return undefined;
  }
  const awsAuth = q.awsAuth ?? 'pod-identity';
  return {
    type: 'aws-sqs-queue',
    queueURL: q.queueUrl,
    awsRegion: region,
    queueLength: q.queueLength ?? preset.sqsQueueLength,
    activationQueueLength:
      q.activationQueueLength ?? preset.sqsActivationQueueLength,
    awsAuth,
    ...(awsAuth === 'secret'
      ? {
          credentialsSecret:
            q.credentialsSecret ?? `${answers.name}-aws-credentials`,
        }
      : {}),
  };
}

/** The autoscaler of a plan: an HPA for realtime-cpu, a KEDA ScaledObject otherwise. */
export function planAutoscaler(
  pattern: PatternId,
  answers: ParsedModelServiceAnswers,
  presets: PatternPresets,
  modelName: string,
  problems: ProblemList,
): Autoscaler | undefined {
  switch (pattern) {
    case 'realtime-cpu': {
      const p = presets['realtime-cpu'];
      return {
        kind: 'hpa',
        cpuTargetUtilization:
          answers.hpa?.cpuTargetUtilization ?? p.cpuTargetUtilization,
        memoryTargetUtilization:
          answers.hpa?.memoryTargetUtilization ?? p.memoryTargetUtilization,
        behavior: { ...p.behavior },
      };
    }
    case 'realtime-gpu': {
      const p = presets['realtime-gpu'];
      return {
        kind: 'keda',
        ...p.keda,
        behavior: { ...p.behavior },
        trigger: prometheusTrigger(
          answers,
          p.prometheus,
          {
            field: 'keda.activationThreshold',
            value: answers.keda?.activationThreshold,
          },
          modelName,
          problems,
        ),
      };
    }
    case 'bursty': {
      const p = presets.bursty;
      return {
        kind: 'keda',
        ...p.keda,
        behavior: { ...p.behavior },
        trigger: prometheusTrigger(
          answers,
          p.prometheus,
          answers.scaleToZero?.activationThreshold !== undefined
            ? {
                field: 'scaleToZero.activationThreshold',
                value: answers.scaleToZero.activationThreshold,
              }
            : {
                field: 'keda.activationThreshold',
                value: answers.keda?.activationThreshold,
              },
          modelName,
          problems,
        ),
      };
    }
    case 'async-batch': {
      const p = presets['async-batch'];
      const trigger = queueTrigger(answers, p, problems);
      return trigger
        ? { kind: 'keda', ...p.keda, behavior: { ...p.behavior }, trigger }
        : undefined;
    }
    default:
      return undefined;
  }
}
