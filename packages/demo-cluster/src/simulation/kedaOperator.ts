// long-file: the demo KEDA operator: ScaledObject reconcile, its HPA, trigger polling, fallback and status conditions of one object kind, on the common package's kedaStep rules.
import {
  KedaTriggerReading,
  isResourceTrigger,
  kedaFallbackMetric,
  kedaScaledObjectState,
  kedaStep,
} from '@internal/plugin-model-scaling-common';
import type { KubeObject } from '../api/ObjectStore';
import { defaultHpaBehavior } from './hpaSpecDefaults';
import type { ExternalMetricSource } from './hpaController';
import { KINDS, kubeTime, quantity } from './kinds';
import type { ServiceRuntime, SimContext } from './SimContext';

const KEDA_VERSION = '2.18.0';

/** The external metric name KEDA gives trigger `index`: `s<index>-<scaler metric>`. */
export function kedaMetricName(trigger: any, index: number): string {
  const m = trigger.metadata ?? {};
  const normalize = (s: string) => s.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  switch (trigger.type) {
    case 'kafka':
      return `s${index}-kafka-${normalize(m.topic ?? 'topics')}`;
    case 'aws-sqs-queue':
      return `s${index}-aws-sqs-${normalize(
        String(m.queueURL ?? '')
          .split('/')
          .pop() ?? 'queue',
      )}`;
    default:
      return `s${index}-${normalize(trigger.type)}`;
  }
}

function threshold(trigger: any): number {
  const m = trigger.metadata ?? {};
  if (trigger.type === 'kafka') return Number(m.lagThreshold ?? '10') || 1;
  if (trigger.type === 'aws-sqs-queue')
    return Number(m.queueLength ?? '5') || 1;
  return Number(m.threshold ?? m.value ?? '1') || 1;
}

function activation(trigger: any): number {
  const m = trigger.metadata ?? {};
  if (trigger.type === 'kafka')
    return Number(m.activationLagThreshold ?? 0) || 0;
  if (trigger.type === 'aws-sqs-queue')
    return Number(m.activationQueueLength ?? 0) || 0;
  return Number(m.activationThreshold ?? m.activationValue ?? 0) || 0;
}

const READY_CONDITIONS = {
  ok: {
    type: 'Ready',
    status: 'True',
    reason: 'ScaledObjectReady',
    message: 'ScaledObject is defined correctly and is ready for scaling',
  },
  partial: {
    type: 'Ready',
    status: 'True',
    reason: 'PartialTriggerError',
    message: 'Some triggers defined in ScaledObject are not working correctly',
  },
  failing: {
    type: 'Ready',
    status: 'False',
    reason: 'TriggerError',
    message: 'Triggers defined in ScaledObject are not working correctly',
  },
};

const ACTIVE_CONDITIONS: Record<string, object> = {
  ScalerActive: {
    type: 'Active',
    status: 'True',
    reason: 'ScalerActive',
    message: 'Scaling is performed because triggers are active',
  },
  ScalerCooldown: {
    type: 'Active',
    status: 'False',
    reason: 'ScalerCooldown',
    message: 'Scaler cooling down because triggers are not active',
  },
  ScalerNotActive: {
    type: 'Active',
    status: 'False',
    reason: 'ScalerNotActive',
    message: 'Scaling is not performed because triggers are not active',
  },
};

function scalerName(trigger: any): string {
  const names: Record<string, string> = {
    prometheus: 'prometheusScaler',
    kafka: 'kafkaScaler',
    'aws-sqs-queue': 'awsSqsQueueScaler',
    cpu: 'cpuMemoryScaler',
    memory: 'cpuMemoryScaler',
  };
  return names[trigger.type] ?? `${trigger.type}Scaler`;
}

interface ScaledObjectRuntime {
  lastPoll?: number;
  /** Per external metric name: the last value read, or the error. */
  values: Map<string, { value?: number; error?: string }>;
  failures: Map<string, number>;
  lastActiveTime?: number;
  activationHandled?: boolean;
}

/**
 * The KEDA operator and metrics server for the demo: creates `keda-hpa-<so>` for each
 * ScaledObject, polls triggers every `pollingInterval` (values from the simulation:
 * Prometheus request rates, Kafka lag), scales 0↔1 itself with activation thresholds and
 * the cooldown, serves the External metrics to the HPA (with fallback), and writes
 * ScaledObject status and events.
 */
export class KedaOperator {
  private readonly runtimes = new Map<string, ScaledObjectRuntime>();

  /** The External metric source the HPA controller reads. */
  readonly metrics: ExternalMetricSource = (
    namespace,
    metricName,
    selector,
  ) => {
    const soName = (selector as any)?.matchLabels?.[
      'scaledobject.keda.sh/name'
    ];
    const so = soName
      ? (this.store()?.get(KINDS.scaledObjects, namespace, soName) as any)
      : undefined;
    const runtime = so ? this.runtimes.get(so.metadata.uid) : undefined;
    if (!so || !runtime)
      return { error: `scaledobjects.keda.sh "${soName}" not found` };
    const index = (so.spec.triggers ?? []).findIndex(
      (t: any, i: number) => kedaMetricName(t, i) === metricName,
    );
    if (index < 0)
      return { error: `no trigger with metric name ${metricName}` };
    const trigger = so.spec.triggers[index];
    const read = runtime.values.get(metricName);
    const failures = runtime.failures.get(metricName) ?? 0;
    if (read?.error !== undefined && so.spec.fallback) {
      const target = this.store()?.get(
        KINDS.deployments,
        namespace,
        so.spec.scaleTargetRef?.name,
      ) as any;
      const fb = kedaFallbackMetric({
        fallback: so.spec.fallback,
        failures,
        targetType: trigger.metricType === 'Value' ? 'Value' : 'AverageValue',
        target: threshold(trigger),
        currentReplicas: target?.spec?.replicas ?? 0,
        readyReplicas: target?.status?.readyReplicas ?? 0,
      });
      if (fb.kind === 'fallback') return { value: fb.value };
    }
    if (!read || read.error !== undefined)
      return { error: read?.error ?? 'no metric value yet' };
    return { value: read.value ?? 0 };
  };

  private ctx?: SimContext;

  private store() {
    return this.ctx?.store;
  }

  reconcile(ctx: SimContext): void {
    this.ctx = ctx;
    const seen = new Set<string>();
    for (const so of ctx.store.list(KINDS.scaledObjects) as any[]) {
      seen.add(so.metadata.uid);
      const runtime: ScaledObjectRuntime = this.runtimes.get(
        so.metadata.uid,
      ) ?? { values: new Map(), failures: new Map() };
      this.runtimes.set(so.metadata.uid, runtime);
      this.ensureHpa(ctx, so);
      const interval = (so.spec.pollingInterval ?? 30) * 1000;
      if (
        runtime.lastPoll === undefined ||
        ctx.now() - runtime.lastPoll >= interval
      ) {
        runtime.lastPoll = ctx.now();
        this.poll(ctx, so, runtime);
      }
    }
    for (const uid of this.runtimes.keys())
      if (!seen.has(uid)) this.runtimes.delete(uid);
  }

  private ensureHpa(ctx: SimContext, so: any): void {
    const name =
      so.spec.advanced?.horizontalPodAutoscalerConfig?.name ??
      `keda-hpa-${so.metadata.name}`;
    const triggers: any[] = so.spec.triggers ?? [];
    const behavior = so.spec.advanced?.horizontalPodAutoscalerConfig?.behavior;
    const spec = {
      scaleTargetRef: {
        apiVersion: so.spec.scaleTargetRef.apiVersion ?? 'apps/v1',
        kind: so.spec.scaleTargetRef.kind ?? 'Deployment',
        name: so.spec.scaleTargetRef.name,
      },
      minReplicas: Math.max(so.spec.minReplicaCount ?? 0, 1),
      maxReplicas: so.spec.maxReplicaCount ?? 100,
      metrics: triggers.map((t, i) => ({
        type: 'External',
        external: {
          metric: {
            name: kedaMetricName(t, i),
            selector: {
              matchLabels: { 'scaledobject.keda.sh/name': so.metadata.name },
            },
          },
          target:
            t.metricType === 'Value'
              ? { type: 'Value', value: quantity(threshold(t)) }
              : { type: 'AverageValue', averageValue: quantity(threshold(t)) },
        },
      })),
      ...(behavior ? { behavior: defaultHpaBehavior(behavior) } : {}),
    };
    const labels = {
      ...(so.metadata.labels ?? {}),
      'app.kubernetes.io/managed-by': 'keda-operator',
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/part-of': so.metadata.name,
      'app.kubernetes.io/version': KEDA_VERSION,
      'scaledobject.keda.sh/name': so.metadata.name,
    };
    const existing = ctx.store.get(
      KINDS.hpas,
      so.metadata.namespace,
      name,
    ) as any;
    if (!existing) {
      ctx.store.create(KINDS.hpas, {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: {
          name,
          namespace: so.metadata.namespace,
          labels,
          ownerReferences: [
            {
              apiVersion: 'keda.sh/v1alpha1',
              kind: 'ScaledObject',
              name: so.metadata.name,
              uid: so.metadata.uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec,
      });
    } else if (
      JSON.stringify(existing.spec) !== JSON.stringify(spec) ||
      JSON.stringify(existing.metadata.labels) !== JSON.stringify(labels)
    ) {
      ctx.store.mutate(KINDS.hpas, so.metadata.namespace, name, draft => {
        (draft as any).spec = spec;
        draft.metadata.labels = labels;
      });
    }
  }

  private triggerValue(
    ctx: SimContext,
    trigger: any,
    service: ServiceRuntime | undefined,
  ): { value?: number; error?: string } {
    const hour = ctx.hourOfDay(ctx.now());
    if (
      service?.scenario.triggerOutages?.some(([a, b]) => hour >= a && hour < b)
    ) {
      const m = trigger.metadata ?? {};
      return trigger.type === 'kafka'
        ? {
            error: `error getting metadata: kafka: client has run out of available brokers to talk to: dial tcp ${
              m.bootstrapServers ?? 'broker:9092'
            }: connect: connection refused`,
          }
        : {
            error: `error inspecting ${trigger.type} metrics: connection refused`,
          };
    }
    if (!service) return { value: 0 };
    if (trigger.type === 'kafka' || trigger.type === 'aws-sqs-queue')
      return { value: Math.round(service.lag) };
    if (trigger.type === 'prometheus') {
      const query = String(trigger.metadata?.query ?? '');
      const value = query.includes('nv_inference')
        ? service.served1m.value()
        : service.arrivals1m.value();
      return { value: Math.round(value * 1000) / 1000 };
    }
    return { value: service.arrivals1m.value() };
  }

  private poll(ctx: SimContext, so: any, runtime: ScaledObjectRuntime): void {
    const now = ctx.now();
    const ns = so.metadata.namespace;
    const target = ctx.store.get(
      KINDS.deployments,
      ns,
      so.spec.scaleTargetRef?.name,
    ) as any;
    const service = target ? ctx.serviceFor(target) : undefined;
    const triggers: any[] = so.spec.triggers ?? [];
    const readings: KedaTriggerReading[] = [];
    const health: Record<string, { numberOfFailures: number; status: string }> =
      {};
    let failing = 0;
    let activeScaler = '';
    triggers.forEach((t, i) => {
      const name = kedaMetricName(t, i);
      if (isResourceTrigger(t.type)) {
        // cpu/memory triggers have no external metric: no activity, no errors.
        readings.push({ type: t.type });
        return;
      }
      const read = this.triggerValue(ctx, t, service);
      runtime.values.set(name, read);
      if (read.error !== undefined) {
        const failures = (runtime.failures.get(name) ?? 0) + 1;
        runtime.failures.set(name, failures);
        health[name] = { numberOfFailures: failures, status: 'Failing' };
        failing++;
        const fb = kedaFallbackMetric({
          fallback: so.spec.fallback,
          failures,
          targetType: t.metricType === 'Value' ? 'Value' : 'AverageValue',
          target: threshold(t),
          currentReplicas: target?.spec?.replicas ?? 0,
          readyReplicas: target?.status?.readyReplicas ?? 0,
        });
        readings.push(
          fb.kind === 'fallback'
            ? { type: t.type, fallbackActive: true, value: fb.value }
            : { type: t.type, error: true },
        );
        ctx.recordEvent({
          namespace: ns,
          involvedObject: {
            apiVersion: 'keda.sh/v1alpha1',
            kind: 'ScaledObject',
            name: so.metadata.name,
            uid: so.metadata.uid,
          },
          reason: 'KEDAScalerFailed',
          message: read.error,
          type: 'Warning',
          component: 'keda-operator',
        });
      } else {
        runtime.failures.set(name, 0);
        health[name] = { numberOfFailures: 0, status: 'Happy' };
        const above = (read.value ?? 0) > activation(t);
        readings.push({ type: t.type, aboveActivation: above });
        if (above) activeScaler = activeScaler || scalerName(t);
      }
    });
    const fallback = so.spec.fallback;
    const fallbackActive =
      !!fallback &&
      triggers.some(
        (t, i) =>
          (runtime.failures.get(kedaMetricName(t, i)) ?? 0) >
          fallback.failureThreshold,
      );
    const paused =
      so.metadata.annotations?.['autoscaling.keda.sh/paused'] === 'true' ||
      so.metadata.annotations?.['autoscaling.keda.sh/paused-replicas'] !==
        undefined;
    const { isActive: active, isError } = kedaScaledObjectState(readings);
    const step = target
      ? kedaStep({
          now: now / 1000,
          currentReplicas: target.spec.replicas ?? 1,
          isActive: active,
          isError,
          lastActiveTime:
            runtime.lastActiveTime === undefined
              ? undefined
              : runtime.lastActiveTime / 1000,
          createdAt:
            Date.parse(so.metadata.creationTimestamp ?? '') / 1000 || undefined,
          spec: {
            minReplicaCount: so.spec.minReplicaCount,
            idleReplicaCount: so.spec.idleReplicaCount,
            cooldownPeriod: so.spec.cooldownPeriod,
            initialCooldownPeriod: so.spec.initialCooldownPeriod,
            fallback,
          },
        })
      : undefined;
    if (step?.lastActiveTime !== undefined)
      runtime.lastActiveTime = step.lastActiveTime * 1000;
    if (
      target &&
      step &&
      !paused &&
      step.replicas !== (target.spec.replicas ?? 1)
    ) {
      const from = target.spec.replicas ?? 1;
      const kindText = `${target.apiVersion ?? 'apps/v1'}.${
        target.kind ?? 'Deployment'
      }`;
      ctx.store.mutate(KINDS.deployments, ns, target.metadata.name, draft => {
        (draft as any).spec.replicas = step.replicas;
      });
      if (step.action === 'activate' || step.action === 'deactivate') {
        ctx.recordEvent({
          namespace: ns,
          involvedObject: {
            apiVersion: 'keda.sh/v1alpha1',
            kind: 'ScaledObject',
            name: so.metadata.name,
            uid: so.metadata.uid,
          },
          reason:
            step.action === 'activate'
              ? 'KEDAScaleTargetActivated'
              : 'KEDAScaleTargetDeactivated',
          message:
            step.action === 'activate'
              ? `Scaled ${kindText} ${ns}/${target.metadata.name} from ${from} to ${step.replicas}, triggered by ${activeScaler}`
              : `Deactivated ${kindText} ${ns}/${target.metadata.name} from ${from} to ${step.replicas}`,
          type: 'Normal',
          component: 'keda-operator',
        });
      }
    }
    const activeReason =
      step?.activeReason ?? (active ? 'ScalerActive' : 'ScalerNotActive');

    let ready = READY_CONDITIONS.failing;
    if (failing === 0) ready = READY_CONDITIONS.ok;
    else if (failing < triggers.length) ready = READY_CONDITIONS.partial;
    const status = {
      scaleTargetKind: 'apps/v1.Deployment',
      scaleTargetGVKR: {
        group: 'apps',
        kind: 'Deployment',
        resource: 'deployments',
        version: 'v1',
      },
      originalReplicaCount:
        so.status?.originalReplicaCount ?? target?.spec.replicas ?? 1,
      ...(runtime.lastActiveTime !== undefined
        ? { lastActiveTime: kubeTime(runtime.lastActiveTime) }
        : {}),
      externalMetricNames: triggers.map((t, i) => kedaMetricName(t, i)),
      hpaName:
        so.spec.advanced?.horizontalPodAutoscalerConfig?.name ??
        `keda-hpa-${so.metadata.name}`,
      health,
      conditions: [
        ready,
        ACTIVE_CONDITIONS[activeReason],
        fallbackActive
          ? {
              type: 'Fallback',
              status: 'True',
              reason: 'FallbackExists',
              message:
                'At least one trigger is falling back on this scaled object',
            }
          : {
              type: 'Fallback',
              status: 'False',
              reason: 'NoFallbackFound',
              message: 'No fallbacks are active on this scaled object',
            },
        paused
          ? {
              type: 'Paused',
              status: 'True',
              reason: 'ScaledObjectPaused',
              message: 'ScaledObject is paused',
            }
          : {
              type: 'Paused',
              status: 'False',
              reason: 'ScaledObjectUnpaused',
              message: 'pause annotation removed for ScaledObject',
            },
      ],
    };
    const current = ctx.store.get(
      KINDS.scaledObjects,
      ns,
      so.metadata.name,
    ) as any;
    if (
      current &&
      JSON.stringify(current.status ?? {}) !== JSON.stringify(status)
    ) {
      ctx.store.mutate(KINDS.scaledObjects, ns, so.metadata.name, draft => {
        (draft as any).status = status;
      });
    }
  }
}

/** For tests: the HPA KEDA created for a ScaledObject. */
export function kedaHpaOf(
  ctx: SimContext,
  so: KubeObject,
): KubeObject | undefined {
  return ctx.store.get(
    KINDS.hpas,
    so.metadata.namespace,
    `keda-hpa-${so.metadata.name}`,
  );
}
