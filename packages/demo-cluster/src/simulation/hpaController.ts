// long-file: the demo HPA controller: metric reading for every metric type, the sync loop and status writing, on the common package's recommendation and behavior functions.
import {
  HpaHistory,
  HpaMetricSample,
  HpaPodSample,
  applyHpaBehavior,
  emptyHpaHistory,
  hpaReplicaRecommendation,
  parseQuantity,
} from '@internal/plugin-model-scaling-common';
import type { KubeObject } from '../api/ObjectStore';
import { matchesLabels, requirementsFromLabelSelector } from '../api/selectors';
import { KINDS, kubeTime, quantity } from './kinds';
import { podRequests } from './podTemplate';
import type { SimContext } from './SimContext';

/** Reads an External metric the way the HPA controller asks the external metrics API (KEDA). */
export type ExternalMetricSource = (
  namespace: string,
  metricName: string,
  selector: unknown,
) => { value: number } | { error: string };

const SYNC_SECONDS = 15;

const ABLE_TO_SCALE_MESSAGES: Record<string, string> = {
  ReadyForNewScale: 'recommended size matches current size',
  ScaleUpStabilized:
    'recent recommendations were lower than current one, applying the lowest recent recommendation',
  ScaleDownStabilized:
    'recent recommendations were higher than current one, applying the highest recent recommendation',
};

const LIMITED: Record<string, { status: 'True' | 'False'; message: string }> = {
  DesiredWithinRange: {
    status: 'False',
    message: 'the desired count is within the acceptable range',
  },
  TooManyReplicas: {
    status: 'True',
    message: 'the desired replica count is more than the maximum replica count',
  },
  TooFewReplicas: {
    status: 'True',
    message: 'the desired replica count is less than the minimum replica count',
  },
  ScaleUpLimit: {
    status: 'True',
    message:
      'the desired replica count is increasing faster than the maximum scale rate',
  },
  ScaleDownLimit: {
    status: 'True',
    message:
      'the desired replica count is decreasing faster than the maximum scale rate',
  },
};

function selectorText(selector: any): string {
  const labels = Object.entries(selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}: ${v},`)
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{},}`;
}

const isReady = (pod: any) =>
  (pod.status?.conditions ?? []).some(
    (c: any) => c.type === 'Ready' && c.status === 'True',
  );

/** One metric of an HPA: the sample for the common package's calculator and the status entry. */
interface MetricReading {
  sample: HpaMetricSample;
  status?: Record<string, unknown>;
}

function resourceReading(
  ctx: SimContext,
  spec: any,
  pods: any[],
): MetricReading {
  const resource = spec.resource.name as 'cpu' | 'memory';
  const target = spec.resource.target;
  const samples: HpaPodSample[] = [];
  let usage = 0;
  let reporting = 0;
  let requests = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Failed')
      continue;
    const request = podRequests(pod.spec)[resource];
    let scaled = request;
    if (request !== undefined && resource === 'cpu') scaled = request * 1000;
    if (pod.status?.phase !== 'Running') {
      samples.push({ state: 'unready', request: scaled });
      continue;
    }
    const runtime = ctx.pods.get(pod.metadata.uid);
    if (!runtime) {
      samples.push({ state: 'missing', request: scaled });
      continue;
    }
    const value =
      resource === 'cpu' ? runtime.cpuMillicores : runtime.memoryBytes;
    if (resource === 'cpu' && !isReady(pod)) {
      samples.push({ state: 'unready', request: scaled });
      continue;
    }
    samples.push({ state: 'ready', value, request: scaled });
    usage += value;
    requests += scaled ?? 0;
    reporting++;
  }
  const name = `${resource} resource utilization (percentage of request)`;
  let averageValue: string | undefined;
  if (reporting > 0) {
    averageValue =
      resource === 'cpu'
        ? `${Math.round(usage / reporting)}m`
        : quantity(Math.round(usage / reporting));
  }
  if (target.type === 'AverageValue') {
    const perPod =
      parseQuantity(String(target.averageValue)) *
      (resource === 'cpu' ? 1000 : 1);
    return {
      sample: {
        kind: 'podsAverage',
        name: `${resource} resource`,
        targetAverage: perPod,
        pods: samples,
      },
      ...(averageValue
        ? {
            status: {
              type: 'Resource',
              resource: { name: resource, current: { averageValue } },
            },
          }
        : {}),
    };
  }
  const utilization =
    requests > 0 ? Math.floor((usage * 100) / requests) : undefined;
  return {
    sample: {
      kind: 'utilization',
      name,
      targetUtilization: target.averageUtilization ?? 80,
      pods: samples,
    },
    ...(averageValue && utilization !== undefined
      ? {
          status: {
            type: 'Resource',
            resource: {
              name: resource,
              current: { averageUtilization: utilization, averageValue },
            },
          },
        }
      : {}),
  };
}

function externalReading(
  spec: any,
  namespace: string,
  statusReplicas: number,
  source: ExternalMetricSource,
): MetricReading {
  const metric = spec.external.metric;
  const name = `external metric ${metric.name}(${selectorText(
    metric.selector,
  )})`;
  const read = source(namespace, metric.name, metric.selector);
  if ('error' in read) {
    return {
      sample: {
        kind: 'invalid',
        name,
        reason: 'FailedGetExternalMetric',
        message: `the HPA was unable to compute the replica count: unable to get external metric ${namespace}/${
          metric.name
        }/${selectorText(metric.selector)}: ${read.error}`,
      },
    };
  }
  const target = spec.external.target;
  const statusMetric = { name: metric.name, selector: metric.selector };
  if (target.type === 'Value') {
    return {
      sample: {
        kind: 'value',
        name,
        target: parseQuantity(String(target.value)),
        value: read.value,
      },
      status: {
        type: 'External',
        external: {
          metric: statusMetric,
          current: { value: quantity(read.value) },
        },
      },
    };
  }
  const perPod = read.value / Math.max(1, statusReplicas);
  return {
    sample: {
      kind: 'totalAverage',
      name,
      targetAverage: parseQuantity(String(target.averageValue)),
      total: read.value,
    },
    status: {
      type: 'External',
      external: {
        metric: statusMetric,
        current: { averageValue: quantity(Math.round(perPod * 1000) / 1000) },
      },
    },
  };
}

function condition(
  previous: any[],
  type: string,
  status: string,
  reason: string,
  message: string,
  time: string,
) {
  const old = previous.find(c => c.type === type);
  return {
    type,
    status,
    lastTransitionTime:
      old && old.status === status ? old.lastTransitionTime : time,
    reason,
    message,
  };
}

/**
 * Pods of each Deployment (by uid) that its selector matches, found through the
 * ReplicaSets it owns (what the scale subresource's selector selects).
 */
export function podsByDeployment(ctx: SimContext): Map<string, KubeObject[]> {
  const result = new Map<string, KubeObject[]>();
  for (const d of ctx.store.list(KINDS.deployments) as any[]) {
    const selector = requirementsFromLabelSelector(d.spec.selector);
    const pods = ctx.owners
      .childrenOf(d.metadata.uid)
      .flatMap(rs => ctx.owners.childrenOf(rs.metadata.uid!))
      .filter(p => matchesLabels(selector, p.metadata.labels));
    result.set(d.metadata.uid, pods);
  }
  return result;
}

/**
 * The HPA controller: every 15 s per HPA, reads its metrics (pod CPU/memory from the
 * simulation, External metrics from KEDA), computes the replica count with the common
 * package's HPA algorithm (`hpaReplicaRecommendation`, `applyHpaBehavior`), scales the
 * Deployment, records `SuccessfulRescale` events and writes status.
 */
export class HpaController {
  private readonly history = new Map<string, HpaHistory>();
  private readonly lastSync = new Map<string, number>();

  constructor(private readonly external: ExternalMetricSource) {}

  sync(ctx: SimContext): void {
    const now = ctx.now();
    const hpas = ctx.store.list(KINDS.hpas) as any[];
    const due = hpas.filter(hpa => {
      const last = this.lastSync.get(hpa.metadata.uid);
      return last === undefined || now - last >= SYNC_SECONDS * 1000;
    });
    if (due.length > 0) {
      const pods = podsByDeployment(ctx);
      for (const hpa of due) {
        this.lastSync.set(hpa.metadata.uid, now);
        this.syncOne(ctx, hpa, pods);
      }
    }
    const live = new Set(hpas.map(h => h.metadata.uid));
    for (const uid of this.lastSync.keys()) {
      if (!live.has(uid)) {
        this.lastSync.delete(uid);
        this.history.delete(uid);
      }
    }
  }

  private syncOne(
    ctx: SimContext,
    hpa: any,
    podsOf: Map<string, KubeObject[]>,
  ): void {
    const now = ctx.now();
    const time = kubeTime(now);
    const { store } = ctx;
    const ns = hpa.metadata.namespace;
    const prev: any[] = hpa.status?.conditions ?? [];
    const ref = hpa.spec.scaleTargetRef ?? {};
    const target =
      ref.kind === 'Deployment'
        ? (store.get(KINDS.deployments, ns, ref.name) as any)
        : undefined;
    const minReplicas = hpa.spec.minReplicas ?? 1;
    const maxReplicas = hpa.spec.maxReplicas;
    const writeStatus = (status: Record<string, unknown>) => {
      if (JSON.stringify(hpa.status ?? {}) === JSON.stringify(status)) return;
      store.mutate(KINDS.hpas, ns, hpa.metadata.name, draft => {
        (draft as any).status = status;
      });
    };
    const gotScale = condition(
      prev,
      'AbleToScale',
      'True',
      'SucceededGetScale',
      "the HPA controller was able to get the target's current scale",
      time,
    );
    if (!target) {
      writeStatus({
        currentReplicas: 0,
        desiredReplicas: 0,
        conditions: [
          condition(
            prev,
            'AbleToScale',
            'False',
            'FailedGetScale',
            `the HPA controller was unable to get the target's current scale: deployments/scale.apps "${ref.name}" not found`,
            time,
          ),
        ],
      });
      return;
    }
    const specReplicas = target.spec.replicas ?? 1;
    const statusReplicas = target.status?.replicas ?? 0;
    const lastScale = hpa.status?.lastScaleTime
      ? { lastScaleTime: hpa.status.lastScaleTime }
      : {};
    if (specReplicas === 0 && minReplicas !== 0) {
      writeStatus({
        ...lastScale,
        currentReplicas: statusReplicas,
        desiredReplicas: 0,
        currentMetrics: null,
        conditions: [
          gotScale,
          condition(
            prev,
            'ScalingActive',
            'False',
            'ScalingDisabled',
            'scaling is disabled since the replica count of the target is zero',
            time,
          ),
        ],
      });
      return;
    }

    const pods = (podsOf.get(target.metadata.uid) ?? []) as any[];
    const metricsSpec: any[] = hpa.spec.metrics?.length
      ? hpa.spec.metrics
      : [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: 80 },
            },
          },
        ];
    const readings: MetricReading[] = metricsSpec.map(m => {
      if (m.type === 'Resource') return resourceReading(ctx, m, pods);
      if (m.type === 'External')
        return externalReading(m, ns, statusReplicas, this.external);
      return {
        sample: {
          kind: 'invalid',
          name: `${m.type} metric`,
          reason: 'InvalidMetricSourceType',
          message: `the HPA was unable to compute the replica count: metric type ${m.type} is not served by the demo cluster`,
        },
      };
    });
    const currentMetrics = readings.flatMap(r => (r.status ? [r.status] : []));
    const history = this.history.get(hpa.metadata.uid) ?? emptyHpaHistory();

    let desired: number;
    let rescaleReason: string;
    let ableToScale = 'ReadyForNewScale';
    let limitReason = 'DesiredWithinRange';
    let active = { status: 'True', reason: 'ValidMetricFound', message: '' };
    if (specReplicas > maxReplicas) {
      desired = maxReplicas;
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
    } else if (specReplicas < minReplicas) {
      desired = minReplicas;
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
    } else {
      const recommendation = hpaReplicaRecommendation({
        specReplicas,
        statusReplicas,
        readyPodCount: pods.filter(
          p => isReady(p) && !p.metadata.deletionTimestamp,
        ).length,
        metrics: readings.map(r => r.sample),
      });
      active = { ...recommendation.scalingActive };
      if (recommendation.replicas === undefined) {
        writeStatus({
          ...lastScale,
          currentReplicas: statusReplicas,
          desiredReplicas: specReplicas,
          currentMetrics: currentMetrics.length ? currentMetrics : null,
          conditions: [
            gotScale,
            condition(
              prev,
              'ScalingActive',
              active.status,
              active.reason,
              active.message,
              time,
            ),
          ],
        });
        return;
      }
      const normalized = applyHpaBehavior({
        now: now / 1000,
        currentReplicas: specReplicas,
        desiredReplicas: recommendation.replicas,
        minReplicas,
        maxReplicas,
        behavior: hpa.spec.behavior,
        history,
      });
      this.history.set(hpa.metadata.uid, normalized.history);
      desired = normalized.replicas;
      ableToScale = normalized.ableToScaleReason;
      limitReason = normalized.limitReason;
      rescaleReason =
        desired > specReplicas
          ? `${recommendation.metric} above target`
          : 'All metrics below target';
    }

    let lastScaleTime = hpa.status?.lastScaleTime;
    let ableMessage = ABLE_TO_SCALE_MESSAGES[ableToScale] ?? ableToScale;
    if (desired !== specReplicas) {
      store.mutate(KINDS.deployments, ns, target.metadata.name, draft => {
        (draft as any).spec.replicas = desired;
      });
      lastScaleTime = time;
      ableToScale = 'SucceededRescale';
      ableMessage = `the HPA controller was able to update the target scale to ${desired}`;
      ctx.recordEvent({
        namespace: ns,
        involvedObject: {
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          name: hpa.metadata.name,
          uid: hpa.metadata.uid,
        },
        reason: 'SuccessfulRescale',
        message: `New size: ${desired}; reason: ${rescaleReason}`,
        type: 'Normal',
        component: 'horizontal-pod-autoscaler',
      });
    }
    const limited = LIMITED[limitReason] ?? {
      status: 'True',
      message: limitReason,
    };
    writeStatus({
      ...(lastScaleTime ? { lastScaleTime } : {}),
      currentReplicas: statusReplicas,
      desiredReplicas: desired,
      currentMetrics: currentMetrics.length ? currentMetrics : null,
      conditions: [
        condition(prev, 'AbleToScale', 'True', ableToScale, ableMessage, time),
        condition(
          prev,
          'ScalingActive',
          active.status,
          active.reason,
          active.message ||
            'the HPA was able to successfully calculate a replica count',
          time,
        ),
        condition(
          prev,
          'ScalingLimited',
          limited.status,
          limitReason,
          limited.message,
          time,
        ),
      ],
    });
  }
}
