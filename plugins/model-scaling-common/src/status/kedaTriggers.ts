import type { KedaTrigger } from '../types/status';

/** KEDA's per-scaler metadata keys for the scaling target and activation threshold, with KEDA's defaults. */
const TRIGGER_KEYS: Record<
  string,
  { target: string[]; activation: string[]; defaultTarget?: number }
> = {
  prometheus: { target: ['threshold'], activation: ['activationThreshold'] },
  kafka: {
    target: ['lagThreshold'],
    activation: ['activationLagThreshold'],
    defaultTarget: 10,
  },
  'apache-kafka': {
    target: ['lagThreshold'],
    activation: ['activationLagThreshold'],
    defaultTarget: 10,
  },
  'aws-sqs-queue': {
    target: ['queueLength'],
    activation: ['activationQueueLength'],
    defaultTarget: 5,
  },
  rabbitmq: {
    target: ['value', 'queueLength'],
    activation: ['activationValue'],
  },
  redis: {
    target: ['listLength'],
    activation: ['activationListLength'],
    defaultTarget: 5,
  },
  'redis-streams': {
    target: ['pendingEntriesCount', 'lagCount'],
    activation: ['activationLagCount'],
  },
  'azure-queue': {
    target: ['queueLength'],
    activation: ['activationQueueLength'],
    defaultTarget: 5,
  },
  'gcp-pubsub': {
    target: ['value', 'subscriptionSize'],
    activation: ['activationValue'],
  },
  cpu: { target: ['value'], activation: ['activationValue'] },
  memory: { target: ['value'], activation: ['activationValue'] },
  'metrics-api': {
    target: ['targetValue'],
    activation: ['activationTargetValue'],
  },
  cron: { target: ['desiredReplicas'], activation: [] },
};

const GENERIC_TARGET_KEYS = [
  'threshold',
  'targetValue',
  'value',
  'queueLength',
  'lagThreshold',
  'listLength',
];

function firstNumber(
  metadata: Record<string, string>,
  keys: readonly string[],
): number | undefined {
  for (const key of keys) {
    const raw = metadata[key];
    if (raw === undefined || raw.trim() === '') continue;
    const n = Number(raw);
    if (Number.isFinite(n)) return n;
  }
  return undefined;
}

/**
 * The metadata key that holds a trigger's scaling target: the scaler's own
 * key present in the metadata (else its first), or a generic one present,
 * else `threshold`.
 */
export function kedaTargetKey(
  type: string,
  metadata: Record<string, string>,
): string {
  const keys = TRIGGER_KEYS[type]?.target ?? GENERIC_TARGET_KEYS;
  return (
    keys.find(key => metadata[key] !== undefined) ??
    TRIGGER_KEYS[type]?.target[0] ??
    'threshold'
  );
}

/** The scaling target (per-pod threshold) and activation threshold of a KEDA trigger, with KEDA's defaults. */
export function kedaTriggerThresholds(trigger: KedaTrigger): {
  threshold?: number;
  activationThreshold: number;
} {
  const keys = TRIGGER_KEYS[trigger.type];
  const threshold = keys
    ? firstNumber(trigger.metadata, keys.target) ?? keys.defaultTarget
    : firstNumber(trigger.metadata, GENERIC_TARGET_KEYS);
  const activationKeys =
    keys?.activation ??
    Object.keys(trigger.metadata).filter(k =>
      k.toLowerCase().startsWith('activation'),
    );
  return {
    threshold,
    activationThreshold: firstNumber(trigger.metadata, activationKeys) ?? 0,
  };
}

/** True for triggers that measure a backlog (a queue's length or a consumer group's lag). */
export function isQueueTrigger(type: string): boolean {
  return /kafka|sqs|queue|rabbitmq|redis|pubsub|nats|servicebus|kinesis|stream/i.test(
    type,
  );
}
