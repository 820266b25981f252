import { parseQuantity } from '@internal/plugin-model-scaling-common';
import type { KubeObject } from '../api/ObjectStore';
import { matchesLabels, requirementsFromLabelSelector } from '../api/selectors';
import { HpaMemory, normalizeReplicas, proposeFromRatio, recordScaleEvent } from './hpaAlgorithm';
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

function selectorText(selector: any): string {
  const labels = Object.entries(selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}: ${v},`)
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{},}`;
}

interface MetricResult {
  proposal?: number;
  status?: Record<string, unknown>;
  /** Name used in events and conditions, e.g. `cpu resource utilization (percentage of request)`. */
  name: string;
  error?: { reason: string; message: string };
}

const isReady = (pod: any) =>
  (pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');

function resourceMetric(ctx: SimContext, spec: any, pods: any[], current: number): MetricResult {
  const resource = spec.resource.name as 'cpu' | 'memory';
  const name = `${resource} resource utilization (percentage of request)`;
  const target = spec.resource.target;
  let usage = 0;
  let requests = 0;
  let ready = 0;
  let unready = 0;
  let missing = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Failed' || pod.status?.phase === 'Pending') continue;
    const runtime = ctx.pods.get(pod.metadata.uid);
    if (!runtime || runtime.runningAt === undefined) {
      missing++;
      continue;
    }
    if (resource === 'cpu' && !isReady(pod)) {
      unready++;
      continue;
    }
    const request = podRequests(pod.spec)[resource] ?? 0;
    if (request <= 0) {
      return {
        name,
        error: {
          reason: 'FailedGetResourceMetric',
          message: `the HPA was unable to compute the replica count: failed to get ${resource} utilization: missing request for ${resource} in container of Pod ${pod.metadata.name}`,
        },
      };
    }
    usage += resource === 'cpu' ? runtime.cpuMillicores : runtime.memoryBytes;
    requests += resource === 'cpu' ? request * 1000 : request;
    ready++;
  }
  if (ready === 0) {
    return {
      name,
      error: {
        reason: 'FailedGetResourceMetric',
        message: `the HPA was unable to compute the replica count: failed to get ${resource} utilization: did not receive metrics for targeted pods (pods might be unready)`,
      },
    };
  }
  const utilization = Math.floor((usage * 100) / requests);
  const averageValue = resource === 'cpu' ? `${Math.round(usage / ready)}m` : quantity(Math.round(usage / ready));
  if (target.type === 'AverageValue') {
    const targetValue = parseQuantity(String(target.averageValue)) * (resource === 'cpu' ? 1000 : 1);
    const ratio = usage / ready / targetValue;
    return {
      name: `${resource} resource`,
      proposal: proposeFromRatio({ current, usageRatio: ratio, readyPods: ready, missingPods: missing, unreadyPods: unready, missingRatioOnScaleDown: 1 }),
      status: { type: 'Resource', resource: { name: resource, current: { averageValue } } },
    };
  }
  const targetUtil = target.averageUtilization ?? 80;
  return {
    name,
    proposal: proposeFromRatio({
      current,
      usageRatio: utilization / targetUtil,
      readyPods: ready,
      missingPods: missing,
      unreadyPods: unready,
      missingRatioOnScaleDown: Math.max(100, targetUtil) / targetUtil,
    }),
    status: { type: 'Resource', resource: { name: resource, current: { averageUtilization: utilization, averageValue } } },
  };
}

function externalMetric(spec: any, namespace: string, statusReplicas: number, readyPods: number, current: number, source: ExternalMetricSource): MetricResult {
  const metric = spec.external.metric;
  const name = `external metric ${metric.name}(${selectorText(metric.selector)})`;
  const read = source(namespace, metric.name, metric.selector);
  if ('error' in read) {
    return {
      name,
      error: {
        reason: 'FailedGetExternalMetric',
        message: `the HPA was unable to compute the replica count: unable to get external metric ${namespace}/${metric.name}/${selectorText(metric.selector)}: ${read.error}`,
      },
    };
  }
  const target = spec.external.target;
  const tolerance = 0.1;
  if (target.type === 'Value') {
    const targetValue = parseQuantity(String(target.value));
    const ratio = read.value / targetValue;
    const proposal = Math.abs(ratio - 1) <= tolerance ? current : Math.ceil(ratio * Math.max(1, readyPods));
    return { name, proposal, status: { type: 'External', external: { metric: { name: metric.name, selector: metric.selector }, current: { value: quantity(read.value) } } } };
  }
  const perPod = parseQuantity(String(target.averageValue));
  const replicas = Math.max(1, statusReplicas);
  const ratio = read.value / (perPod * replicas);
  const proposal = Math.abs(ratio - 1) <= tolerance ? statusReplicas : Math.ceil(read.value / perPod);
  return {
    name,
    proposal,
    status: {
      type: 'External',
      external: {
        metric: { name: metric.name, selector: metric.selector },
        current: { averageValue: quantity(Math.round((read.value / replicas) * 1000) / 1000) },
      },
    },
  };
}

function condition(previous: any[], type: string, status: string, reason: string, message: string, time: string) {
  const old = previous.find(c => c.type === type);
  return {
    type,
    status,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : time,
    reason,
    message,
  };
}

/**
 * The HPA controller: every 15 s per HPA, reads its metrics (pod CPU/memory from the
 * simulation, External metrics from KEDA), computes the replica count with the HPA
 * algorithm, scales the Deployment, records `SuccessfulRescale` events and writes status.
 */
export class HpaController {
  private readonly memory = new Map<string, HpaMemory>();
  private readonly lastSync = new Map<string, number>();

  constructor(private readonly external: ExternalMetricSource) {}

  sync(ctx: SimContext, force = false): void {
    const now = ctx.now();
    const hpas = ctx.store.list(KINDS.hpas) as any[];
    const due = hpas.filter(hpa => {
      const last = this.lastSync.get(hpa.metadata.uid);
      return force || last === undefined || now - last >= SYNC_SECONDS * 1000;
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
        this.memory.delete(uid);
      }
    }
  }

  private syncOne(ctx: SimContext, hpa: any, podsOf: Map<string, KubeObject[]>): void {
    const now = ctx.now();
    const time = kubeTime(now);
    const { store } = ctx;
    const ns = hpa.metadata.namespace;
    const prevConditions: any[] = hpa.status?.conditions ?? [];
    const ref = hpa.spec.scaleTargetRef ?? {};
    const target = ref.kind === 'Deployment' ? (store.get(KINDS.deployments, ns, ref.name) as any) : undefined;
    const minReplicas = hpa.spec.minReplicas ?? 1;
    const maxReplicas = hpa.spec.maxReplicas;
    const writeStatus = (status: Record<string, unknown>) => {
      if (JSON.stringify(hpa.status ?? {}) === JSON.stringify(status)) return;
      store.mutate(KINDS.hpas, ns, hpa.metadata.name, draft => {
        (draft as any).status = status;
      });
    };
    if (!target) {
      writeStatus({
        currentReplicas: 0,
        desiredReplicas: 0,
        conditions: [
          condition(prevConditions, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: deployments/scale.apps "${ref.name}" not found`, time),
        ],
      });
      return;
    }
    const specReplicas = target.spec.replicas ?? 1;
    const statusReplicas = target.status?.replicas ?? 0;
    const pods = (podsOf.get(target.metadata.uid) ?? []) as any[];
    const readyPods = pods.filter(p => isReady(p) && !p.metadata.deletionTimestamp).length;
    const memory = this.memory.get(hpa.metadata.uid) ?? { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] };
    this.memory.set(hpa.metadata.uid, memory);
    const base = {
      ...(hpa.status?.lastScaleTime ? { lastScaleTime: hpa.status.lastScaleTime } : {}),
      currentReplicas: statusReplicas,
    };

    if (specReplicas === 0 && minReplicas !== 0) {
      writeStatus({
        ...base,
        desiredReplicas: 0,
        currentMetrics: null,
        conditions: [
          condition(prevConditions, 'AbleToScale', 'True', 'SucceededGetScale', 'the HPA controller was able to get the target\'s current scale', time),
          condition(prevConditions, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', time),
        ],
      });
      return;
    }

    let desired = specReplicas;
    let rescaleReason = '';
    let ableToScale: { reason: string; message: string } = { reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
    let limited: { status: string; reason: string; message: string } = { status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
    let active = { status: 'True', reason: 'ValidMetricFound', message: '' };
    const currentMetrics: Record<string, unknown>[] = [];

    if (specReplicas > maxReplicas) {
      desired = maxReplicas;
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
    } else if (specReplicas < minReplicas) {
      desired = minReplicas;
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
    } else {
      const metrics: any[] = hpa.spec.metrics?.length
        ? hpa.spec.metrics
        : [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
      let best: MetricResult | undefined;
      const errors: MetricResult[] = [];
      for (const m of metrics) {
        let result: MetricResult;
        if (m.type === 'Resource') result = resourceMetric(ctx, m, pods, specReplicas);
        else if (m.type === 'External') result = externalMetric(m, ns, statusReplicas, readyPods, specReplicas, this.external);
        else {
          result = {
            name: `${m.type} metric`,
            error: { reason: 'InvalidMetricSourceType', message: `the HPA was unable to compute the replica count: metric type ${m.type} is not served by the demo cluster` },
          };
        }
        if (result.status) currentMetrics.push(result.status);
        if (result.error) errors.push(result);
        else if (!best || (result.proposal ?? 0) > (best.proposal ?? 0)) best = result;
      }
      if (!best || (errors.length > 0 && (best.proposal ?? 0) < specReplicas)) {
        const err = errors[0];
        active = { status: 'False', reason: err.error!.reason, message: err.error!.message };
        writeStatus({
          ...base,
          desiredReplicas: specReplicas,
          currentMetrics: currentMetrics.length ? currentMetrics : null,
          conditions: [
            condition(prevConditions, 'AbleToScale', 'True', 'SucceededGetScale', 'the HPA controller was able to get the target\'s current scale', time),
            condition(prevConditions, 'ScalingActive', active.status, active.reason, active.message, time),
          ],
        });
        return;
      }
      active.message = `the HPA was able to successfully calculate a replica count from ${best.name}`;
      const normalized = normalizeReplicas({
        current: specReplicas,
        proposal: best.proposal!,
        minReplicas,
        maxReplicas,
        behavior: hpa.spec.behavior,
        memory,
        now,
      });
      desired = normalized.desired;
      ableToScale = normalized.ableToScale;
      limited = normalized.scalingLimited;
      rescaleReason = desired > specReplicas ? `${best.name} above target` : 'All metrics below target';
    }

    let lastScaleTime = hpa.status?.lastScaleTime;
    if (desired !== specReplicas) {
      store.mutate(KINDS.deployments, ns, target.metadata.name, draft => {
        (draft as any).spec.replicas = desired;
      });
      recordScaleEvent(memory, specReplicas, desired, now);
      lastScaleTime = time;
      ableToScale = { reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${desired}` };
      ctx.recordEvent({
        namespace: ns,
        involvedObject: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', name: hpa.metadata.name, uid: hpa.metadata.uid },
        reason: 'SuccessfulRescale',
        message: `New size: ${desired}; reason: ${rescaleReason}`,
        type: 'Normal',
        component: 'horizontal-pod-autoscaler',
      });
    }
    writeStatus({
      ...(lastScaleTime ? { lastScaleTime } : {}),
      currentReplicas: statusReplicas,
      desiredReplicas: desired,
      currentMetrics: currentMetrics.length ? currentMetrics : null,
      conditions: [
        condition(prevConditions, 'AbleToScale', 'True', ableToScale.reason, ableToScale.message, time),
        condition(prevConditions, 'ScalingActive', active.status, active.reason, active.message, time),
        condition(prevConditions, 'ScalingLimited', limited.status, limited.reason, limited.message, time),
      ],
    });
  }

  /** Forgets nothing; exposed for tests: the proposals remembered for an HPA. */
  memoryOf(uid: string): HpaMemory | undefined {
    return this.memory.get(uid);
  }
}

/**
 * Pods of each Deployment (by uid) that its selector matches, found through the
 * ReplicaSets it owns (what the scale subresource's selector selects, without a
 * label scan of every pod per HPA).
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
