import type { ModelServicePlan } from '../plan/planSchema';
import { renderBehavior } from './behavior';
import { serviceLabels } from './labels';
import type { KubernetesObject } from './types';

type KedaPlan = Extract<ModelServicePlan['autoscaler'], { kind: 'keda' }>;

/** KEDA trigger metadata is a map of strings. */
function num(n: number): string {
  return String(n);
}

/** A TriggerAuthentication when the trigger needs credentials; its secrets stay out of the repository. */
export function renderTriggerAuthentication(
  plan: ModelServicePlan,
): KubernetesObject | undefined {
  if (plan.autoscaler.kind !== 'keda') return undefined;
  const t = plan.autoscaler.trigger;
  const metadata = {
    name: `${plan.name}-${t.type === 'kafka' ? 'kafka' : 'aws'}`,
    namespace: plan.namespace,
    labels: serviceLabels(plan),
  };
  if (t.type === 'kafka' && t.sasl !== 'none' && t.credentialsSecret) {
    return {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'TriggerAuthentication',
      metadata,
      spec: {
        secretTargetRef: [
          { parameter: 'username', name: t.credentialsSecret, key: 'username' },
          { parameter: 'password', name: t.credentialsSecret, key: 'password' },
        ],
      },
    };
  }
  if (t.type === 'aws-sqs-queue') {
    return {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'TriggerAuthentication',
      metadata,
      spec:
        t.awsAuth === 'secret' && t.credentialsSecret
          ? {
              secretTargetRef: [
                {
                  parameter: 'awsAccessKeyID',
                  name: t.credentialsSecret,
                  key: 'AWS_ACCESS_KEY_ID',
                },
                {
                  parameter: 'awsSecretAccessKey',
                  name: t.credentialsSecret,
                  key: 'AWS_SECRET_ACCESS_KEY',
                },
              ],
            }
          : { podIdentity: { provider: 'aws' } },
    };
  }
  return undefined;
}

function renderTrigger(a: KedaPlan, auth: KubernetesObject | undefined) {
  const t = a.trigger;
  const authenticationRef = auth
    ? { authenticationRef: { name: auth.metadata.name } }
    : {};
  switch (t.type) {
    case 'prometheus':
      return {
        type: 'prometheus',
        name: 'request-rate',
        metadata: {
          serverAddress: t.serverAddress,
          query: t.query,
          threshold: num(t.threshold),
          activationThreshold: num(t.activationThreshold),
        },
      };
    case 'kafka':
      return {
        type: 'kafka',
        name: 'consumer-lag',
        metadata: {
          bootstrapServers: t.bootstrapServers,
          consumerGroup: t.consumerGroup,
          topic: t.topic,
          lagThreshold: num(t.lagThreshold),
          activationLagThreshold: num(t.activationLagThreshold),
          offsetResetPolicy: t.offsetResetPolicy,
          ...(t.sasl !== 'none' ? { sasl: t.sasl } : {}),
          ...(t.tls ? { tls: 'enable' } : {}),
        },
        ...authenticationRef,
      };
    case 'aws-sqs-queue':
      return {
        type: 'aws-sqs-queue',
        name: 'queue-length',
        metadata: {
          queueURL: t.queueURL,
          queueLength: num(t.queueLength),
          activationQueueLength: num(t.activationQueueLength),
          awsRegion: t.awsRegion,
        },
        ...authenticationRef,
      };
    default:
      throw new Error(`Unknown trigger type ${(t as { type: string }).type}`);
  }
}

/**
 * The KEDA ScaledObject of a plan, preceded by its TriggerAuthentication
 * when the trigger needs credentials.
 */
export function renderScaledObject(plan: ModelServicePlan): KubernetesObject[] {
  const a = plan.autoscaler;
  if (a.kind !== 'keda') {
    throw new Error(`Plan ${plan.name} scales with an HPA, not KEDA`);
  }
  const auth = renderTriggerAuthentication(plan);
  const scaledObject: KubernetesObject = {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: {
      name: plan.name,
      namespace: plan.namespace,
      labels: serviceLabels(plan),
    },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: plan.name,
      },
      pollingInterval: a.pollingInterval,
      cooldownPeriod: a.cooldownPeriod,
      minReplicaCount: plan.replicas.min,
      maxReplicaCount: plan.replicas.max,
      ...(a.fallback ? { fallback: { ...a.fallback } } : {}),
      advanced: {
        horizontalPodAutoscalerConfig: { behavior: renderBehavior(a.behavior) },
      },
      triggers: [renderTrigger(a, auth)],
    },
  };
  return auth ? [auth, scaledObject] : [scaledObject];
}
