/*
 * The simulator's metric model: which metrics an autoscaler reads, and what
 * each reads given the load, the ready pods and the capacity model.
 */
import type { HpaMetricSpec, KedaTrigger } from '../types/status';
import { hpaMetricTarget, hpaTargetNumber } from '../status/hpaView';
import { isQueueTrigger, kedaTriggerThresholds } from '../status/kedaTriggers';
import type { HpaMetricSample, HpaPodSample } from './hpaReplicaRecommendation';
import type {
  CapacityModel,
  SimulatorHpaSpec,
  SimulatorKedaSpec,
} from './types';

/** One metric of the simulated HPA. */
export interface SimMetric {
  name: string;
  source: 'Resource' | 'Pods' | 'Object' | 'External';
  resourceName?: string;
  targetType: string;
  target: number;
  /** Backlog semantics (queue triggers with a consume rate). */
  queue: boolean;
  /** Set for metrics that come from a KEDA trigger. */
  trigger?: { type: string; activationThreshold: number };
  /** Why the metric cannot be evaluated at all. */
  invalid?: string;
}

/** The API default when an HPA lists no metrics: CPU utilization 80 %. */
const DEFAULT_METRICS: HpaMetricSpec[] = [
  {
    type: 'Resource',
    resource: {
      name: 'cpu',
      target: { type: 'Utilization', averageUtilization: 80 },
    },
  },
];

function fromHpaSpec(spec: HpaMetricSpec): SimMetric {
  const target = hpaMetricTarget(spec);
  const value = hpaTargetNumber(target);
  const base = {
    targetType: target?.type ?? '',
    target: value ?? Number.NaN,
    queue: false,
  };
  let metric: SimMetric;
  if (spec.resource || spec.containerResource) {
    const name = (spec.resource ?? spec.containerResource)!.name;
    metric = { ...base, name, source: 'Resource', resourceName: name };
  } else if (spec.pods) {
    metric = { ...base, name: spec.pods.metric.name, source: 'Pods' };
  } else if (spec.object) {
    metric = { ...base, name: spec.object.metric.name, source: 'Object' };
  } else if (spec.external) {
    metric = { ...base, name: spec.external.metric.name, source: 'External' };
  } else {
    return {
      ...base,
      name: spec.type,
      source: 'External',
      invalid: `unknown metric source type ${spec.type}`,
    };
  }
  if (value === undefined || !(value > 0))
    metric.invalid = `target of ${metric.name} is not a positive number`;
  return metric;
}

function fromTrigger(
  trigger: KedaTrigger,
  index: number,
  capacity: CapacityModel,
): SimMetric {
  const { threshold, activationThreshold } = kedaTriggerThresholds(trigger);
  if (trigger.type === 'cpu' || trigger.type === 'memory') {
    const metric: SimMetric = {
      name: trigger.type,
      source: 'Resource',
      resourceName: trigger.type,
      targetType: trigger.metricType ?? 'Utilization',
      target: threshold ?? Number.NaN,
      queue: false,
      trigger: { type: trigger.type, activationThreshold },
    };
    if (!(threshold! > 0))
      metric.invalid = `trigger ${index} (${trigger.type}) has no value`;
    return metric;
  }
  const metric: SimMetric = {
    name: `s${index}-${trigger.type}`,
    source: 'External',
    targetType: trigger.metricType === 'Value' ? 'Value' : 'AverageValue',
    target: threshold ?? Number.NaN,
    queue: isQueueTrigger(trigger.type) && capacity.maxRpsPerPod !== undefined,
    trigger: { type: trigger.type, activationThreshold },
  };
  if (!(threshold! > 0))
    metric.invalid = `trigger ${index} (${trigger.type}) has no threshold`;
  return metric;
}

/** The metrics the simulated HPA reads: the HPA's own, or the ones KEDA's HPA gets from the triggers. */
export function simulatorMetrics(
  spec: SimulatorHpaSpec | SimulatorKedaSpec,
  capacity: CapacityModel,
): SimMetric[] {
  if (spec.kind === 'ScaledObject')
    return spec.triggers.map((t, i) => fromTrigger(t, i, capacity));
  return (spec.metrics?.length ? spec.metrics : DEFAULT_METRICS).map(
    fromHpaSpec,
  );
}

/** What the simulated world looks like at one instant. */
export interface SimState {
  load: number;
  ready: number;
  starting: number;
  /** Running pods without a resource metric sample yet (see `resourceMetricsDelaySeconds`). */
  missing?: number;
  backlog: number;
}

function failureReason(m: SimMetric): string {
  if (m.source === 'Resource') return 'FailedGetResourceMetric';
  return `FailedGet${m.source}Metric`;
}

/** An HPA sample saying the metric could not be read. */
export function failedSample(
  m: SimMetric,
  message = 'the metric source did not answer',
): HpaMetricSample {
  return {
    kind: 'invalid',
    name: m.name,
    reason: m.invalid ? 'InvalidMetricSourceType' : failureReason(m),
    message: m.invalid ?? message,
  };
}

interface PerPod {
  value: number;
  request?: number;
}

/** Per-pod reading of a resource or pods metric for one ready pod, or why there is none. */
function perPodReading(
  m: SimMetric,
  perPodLoad: number,
  capacity: CapacityModel,
): PerPod | string {
  const proportional = capacity.rpsPerPodAtTarget
    ? (m.target * perPodLoad) / capacity.rpsPerPodAtTarget
    : undefined;
  const served = Math.min(
    perPodLoad,
    capacity.maxRpsPerPod ?? Number.POSITIVE_INFINITY,
  );
  if (m.source === 'Resource' && m.resourceName === 'cpu' && capacity.cpu) {
    const usage = Math.round(
      (capacity.cpu.idleMillicores ?? 0) +
        capacity.cpu.millicoresPerRps * served,
    );
    return m.targetType === 'Utilization'
      ? { value: usage, request: capacity.cpu.requestMillicores }
      : { value: usage / 1000 };
  }
  if (
    m.source === 'Resource' &&
    m.resourceName === 'memory' &&
    capacity.memoryUtilizationPercent !== undefined
  ) {
    if (m.targetType === 'Utilization')
      return {
        value: Math.round(10 * capacity.memoryUtilizationPercent),
        request: 1000,
      };
    return 'memory AverageValue needs rpsPerPodAtTarget';
  }
  if (m.source === 'Resource' && m.targetType === 'Utilization') {
    if (proportional === undefined)
      return `no capacity model for ${m.resourceName}: set capacity.cpu or rpsPerPodAtTarget`;
    return { value: Math.round(proportional * 10), request: 1000 };
  }
  if (m.source === 'Resource') {
    if (proportional === undefined)
      return `no capacity model for ${m.resourceName}: set rpsPerPodAtTarget`;
    return { value: proportional };
  }
  // Pods metrics: proportional, or the request rate per pod.
  return { value: proportional ?? perPodLoad };
}

/** The raw value a trigger or External/Object metric reports (total for AverageValue, one value for Value). */
export function rawMetricValue(
  m: SimMetric,
  state: SimState,
  capacity: CapacityModel,
): number {
  if (m.queue) return state.backlog;
  const perPodLoad = state.ready > 0 ? state.load / state.ready : 0;
  const rpsAt = capacity.rpsPerPodAtTarget;
  if (m.targetType === 'Value')
    return rpsAt ? (m.target * perPodLoad) / rpsAt : perPodLoad;
  return rpsAt ? (m.target * state.load) / rpsAt : state.load;
}

/** The HPA sample of one metric in `state`. */
export function sampleMetric(
  m: SimMetric,
  state: SimState,
  capacity: CapacityModel,
): HpaMetricSample {
  if (m.invalid) return failedSample(m);
  if (m.source === 'Resource' || m.source === 'Pods') {
    if (m.source === 'Pods' && m.targetType !== 'AverageValue')
      return failedSample({
        ...m,
        invalid: 'Pods metrics need an AverageValue target',
      });
    const perPodLoad = state.ready > 0 ? state.load / state.ready : 0;
    const reading = perPodReading(m, perPodLoad, capacity);
    if (typeof reading === 'string')
      return failedSample({ ...m, invalid: reading });
    const pods: HpaPodSample[] = [];
    if (state.ready > 0)
      pods.push({
        state: 'ready',
        count: state.ready,
        value: reading.value,
        request: reading.request,
      });
    if (m.source === 'Resource' && state.missing)
      pods.push({
        state: 'missing',
        count: state.missing,
        request: reading.request,
      });
    if (state.starting > 0)
      pods.push({
        state: 'unready',
        count: state.starting,
        request: reading.request,
      });
    if (m.targetType === 'Utilization') {
      return {
        kind: 'utilization',
        name: m.name,
        targetUtilization: m.target,
        pods,
      };
    }
    return { kind: 'podsAverage', name: m.name, targetAverage: m.target, pods };
  }
  const raw = rawMetricValue(m, state, capacity);
  if (m.targetType === 'Value')
    return { kind: 'value', name: m.name, target: m.target, value: raw };
  return {
    kind: 'totalAverage',
    name: m.name,
    targetAverage: m.target,
    total: raw,
  };
}
