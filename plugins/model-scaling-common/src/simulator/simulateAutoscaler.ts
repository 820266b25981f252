// long-file: the HPA sync and KEDA poll loop of one simulation step, in upstream's order.
import type { HpaBehavior, KedaFallback } from '../types/status';
import {
  DEFAULT_DOWNSCALE_STABILIZATION_SECONDS,
  hpaTolerances,
  resolveHpaBehavior,
} from './hpaBehaviorDefaults';
import {
  HpaMetricSample,
  hpaReplicaRecommendation,
} from './hpaReplicaRecommendation';
import { HpaNormalizer } from './hpaNormalizer';
import { kedaFallbackMetric } from './kedaFallbackMetric';
import {
  KedaTriggerReading,
  isResourceTrigger,
  kedaScaledObjectState,
} from './kedaScaledObjectState';
import { kedaStep } from './kedaStep';
import { loadCursor } from './loadCurve';
import { validateSimulationInput } from './simulationInputSchema';
import {
  SimMetric,
  SimState,
  failedSample,
  rawMetricValue,
  sampleMetric,
  simulatorMetrics,
} from './simulatorMetrics';
import type {
  CapacityModel,
  SimulationInput,
  SimulationPoint,
  SimulationResult,
  SimulationScaleEvent,
} from './types';

const DEFAULT_SYNC_SECONDS = 15;
const KEDA_DEFAULT_POLLING_SECONDS = 30;
const KEDA_DEFAULT_MAX = 100;

/** Pods of the workload by creation time (oldest first); newest are removed first. */
class Pods {
  private readonly created: number[] = [];
  constructor(initial: number, private readonly coldStart: number) {
    for (let i = 0; i < initial; i++)
      this.created.push(Number.NEGATIVE_INFINITY);
  }
  get count(): number {
    return this.created.length;
  }
  /** Pods Ready at `t`: created at least `coldStart` seconds ago. */
  ready(t: number): number {
    const cutoff = t - this.coldStart;
    let lo = 0;
    let hi = this.created.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.created[mid] <= cutoff) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** Changes with every {@link Pods.scaleTo} that changes the pods. */
  version = 0;
  /** Scales to `n` pods: new ones start now, removals take the newest (unready first). */
  scaleTo(n: number, t: number): void {
    if (n !== this.created.length) this.version++;
    while (this.created.length < n) this.created.push(t);
    this.created.length = Math.min(this.created.length, n);
  }
}

function failing(
  input: SimulationInput,
  metric: SimMetric,
  t: number,
): boolean {
  const windows = input.metricFailures;
  if (!windows) return false;
  for (let i = 0; i < windows.length; i++) {
    const w = windows[i];
    if (
      t >= w.from &&
      t < w.to &&
      (!w.metrics || w.metrics.includes(metric.name))
    )
      return true;
  }
  return false;
}

function latencyEstimate(
  capacity: CapacityModel,
  perPodLoad: number | undefined,
): number | undefined {
  if (capacity.serviceTimeMs === undefined || perPodLoad === undefined)
    return undefined;
  const maxRps = capacity.maxRpsPerPod ?? 1000 / capacity.serviceTimeMs;
  const rho = perPodLoad / maxRps;
  return rho < 1 ? capacity.serviceTimeMs / (1 - rho) : undefined;
}

interface Scaler {
  min: number;
  max: number;
  behavior?: HpaBehavior;
  keda?: {
    idle?: number;
    minReplicaCount: number;
    cooldownPeriod?: number;
    initialCooldownPeriod?: number;
    pollingInterval: number;
    fallback?: KedaFallback;
  };
}

function scalerOf(input: SimulationInput): Scaler {
  const a = input.autoscaler;
  if (a.kind === 'HorizontalPodAutoscaler') {
    return {
      min: a.minReplicas ?? 1,
      max: a.maxReplicas,
      behavior: a.behavior,
    };
  }
  const minReplicaCount = a.minReplicaCount ?? 0;
  return {
    // KEDA's HPA: min = max(minReplicaCount, 1), max = maxReplicaCount.
    min: Math.max(minReplicaCount, 1),
    max: a.maxReplicaCount ?? KEDA_DEFAULT_MAX,
    behavior: a.hpaBehavior,
    keda: {
      idle: a.idleReplicaCount,
      minReplicaCount,
      cooldownPeriod: a.cooldownPeriod,
      initialCooldownPeriod: a.initialCooldownPeriod,
      pollingInterval: a.pollingInterval ?? KEDA_DEFAULT_POLLING_SECONDS,
      fallback: a.fallback,
    },
  };
}

/**
 * Simulates an HPA (`autoscaling/v2`) or a KEDA ScaledObject against a load
 * curve: the HPA syncs every 15 s with the real algorithm (see
 * `hpaReplicaRecommendation` and `applyHpaBehavior`), KEDA polls every
 * `pollingInterval` for activation, cooldown, idle/min and fallback (see
 * `kedaStep`), new pods become ready after `coldStartSeconds`, and metric
 * failure windows exercise the HPA's missing-metric handling and KEDA's
 * fallback. Deterministic; validates its input (errors name the field).
 */
export function simulateAutoscaler(
  rawInput: SimulationInput,
): SimulationResult {
  const input = validateSimulationInput(rawInput);
  const { capacity, load } = input;
  const loadAt = loadCursor(load);
  const scaler = scalerOf(input);
  const metrics = simulatorMetrics(input.autoscaler, capacity);
  const sync = input.syncPeriodSeconds ?? DEFAULT_SYNC_SECONDS;
  const lastT = load[load.length - 1].t;
  const duration = input.durationSeconds ?? (lastT > 0 ? lastT : 3600);
  const tolerances = hpaTolerances(scaler.behavior, input.tolerance);
  const keda = scaler.keda;

  const initialDefault = keda ? keda.idle ?? keda.minReplicaCount : scaler.min;
  let specReplicas = input.initialReplicas ?? initialDefault;
  const pods = new Pods(specReplicas, input.coldStartSeconds);
  const window =
    input.downscaleStabilizationSeconds ??
    DEFAULT_DOWNSCALE_STABILIZATION_SECONDS;
  const normalizer = new HpaNormalizer(
    scaler.behavior ? resolveHpaBehavior(scaler.behavior, window) : undefined,
    window,
    scaler.min,
    scaler.max,
  );
  const hasQueue = metrics.some(m => m.queue);
  // status.health[metric].numberOfFailures (pkg/fallback/fallback.go IncrementFailure)
  const failures = new Map<string, number>();
  // The HPA's last observation per external metric, which KEDA's scale loop
  // reuses instead of querying (scale_handler.go hpaObservedRecord).
  const observed = new Map<string, KedaTriggerReading>();
  // The HPA's ScalingActive condition is True (scale_handler.go hpaActivelyQuerying).
  let hpaScalingActive = false;
  // horizontal.go recordInitialRecommendation: the first sync seeds the history.
  let hpaSeeded = false;
  let lastActiveTime: number | undefined = input.kedaStatus?.lastActiveTime;
  const createdAt = input.kedaStatus?.createdAt ?? 0;
  let backlog = 0;
  let clock = 0;

  const timeline: SimulationPoint[] = [];
  const events: SimulationScaleEvent[] = [];
  const summary = {
    maxReplicas: specReplicas,
    podSeconds: 0,
    unservedRequests: 0,
    secondsUnderProvisioned: 0,
    scaleEvents: 0,
  };

  const setReplicas = (
    to: number,
    t: number,
    by: 'hpa' | 'keda',
    reason: string,
  ) => {
    if (to === specReplicas) return;
    events.push({ t, from: specReplicas, to, by, reason });
    specReplicas = to;
    pods.scaleTo(to, t);
    summary.scaleEvents++;
    summary.maxReplicas = Math.max(summary.maxReplicas, to);
  };

  // The load at `clock`, kept from the last step (the curve is read once per step).
  let clockLoad = loadAt(clock);
  const advance = (t: number) => {
    const dt = t - clock;
    if (dt <= 0) return;
    const ready = pods.ready(clock);
    const loadNow = loadAt(t);
    const arrivals = ((clockLoad + loadNow) / 2) * dt;
    clockLoad = loadNow;
    if (capacity.maxRpsPerPod !== undefined) {
      backlog = Math.max(
        0,
        backlog + arrivals - ready * capacity.maxRpsPerPod * dt,
      );
    }
    summary.podSeconds += pods.count * dt;
    clock = t;
  };

  // The last state computed: a step reads it several times (HPA sync,
  // KEDA poll, resource view, timeline point) while nothing changes. One
  // object, updated in place: no reader keeps it past its own call.
  const current: SimState = { load: 0, ready: 0, starting: 0, backlog: 0 };
  let memoT = Number.NaN;
  let memoVersion = -1;
  const state = (t: number): SimState => {
    if (
      memoT === t &&
      memoVersion === pods.version &&
      current.backlog === backlog
    )
      return current;
    const ready = pods.ready(t);
    current.load = t === clock ? clockLoad : loadAt(t);
    current.ready = ready;
    current.starting = pods.count - ready;
    current.backlog = backlog;
    memoT = t;
    memoVersion = pods.version;
    return current;
  };

  const metricsDelay = input.resourceMetricsDelaySeconds ?? 0;
  /**
   * What the resource metrics show at `t`: the load and the reporting pods of
   * `metricsDelay` ago (replica_calculator.go groupPods: pods without a sample
   * are missing, pods not ready are unready).
   */
  const resourceState = (t: number): SimState => {
    const now = state(t);
    if (metricsDelay <= 0) return now;
    const then = Math.max(0, t - metricsDelay);
    const reporting = pods.ready(t - metricsDelay);
    return {
      ...now,
      load: loadAt(then),
      ready: reporting,
      missing: Math.max(0, now.ready - reporting),
    };
  };

  /** One observation of an external trigger metric, with fallback (scale_handler.go observeMetric). */
  const observe = (
    m: SimMetric,
    t: number,
    s: SimState,
  ): KedaTriggerReading => {
    if (!failing(input, m, t)) {
      failures.set(m.name, 0);
      return {
        type: m.trigger!.type,
        aboveActivation:
          rawMetricValue(m, s, capacity) > m.trigger!.activationThreshold,
      };
    }
    const n = (failures.get(m.name) ?? 0) + 1;
    failures.set(m.name, n);
    const fb = kedaFallbackMetric({
      fallback: keda?.fallback,
      failures: n,
      targetType: m.targetType === 'Value' ? 'Value' : 'AverageValue',
      target: m.target,
      currentReplicas: specReplicas,
      readyReplicas: s.ready,
    });
    if (fb.kind === 'fallback')
      return { type: m.trigger!.type, fallbackActive: true, value: fb.value };
    return { type: m.trigger!.type, error: true };
  };

  const kedaSpec = keda && {
    minReplicaCount: keda.minReplicaCount,
    idleReplicaCount: keda.idle,
    cooldownPeriod: keda.cooldownPeriod,
    initialCooldownPeriod: keda.initialCooldownPeriod,
    fallback: keda.fallback,
  };
  const kedaPoll = (t: number) => {
    if (!keda) return;
    const s = state(t);
    // ScaledObject.UsesHPAObservations: with min > 0, no idle count (and no
    // cached metrics) the loop reuses the HPA's observations while it queries.
    const useHpa =
      keda.minReplicaCount > 0 && keda.idle === undefined && hpaScalingActive;
    const readings: KedaTriggerReading[] = [];
    for (const m of metrics) {
      if (!m.trigger || m.invalid) continue;
      if (isResourceTrigger(m.trigger.type)) {
        readings.push({ type: m.trigger.type });
        continue;
      }
      const record = useHpa ? observed.get(m.name) : undefined;
      readings.push(record ?? observe(m, t, s));
    }
    const { isActive, isError } = kedaScaledObjectState(readings);
    const step = kedaStep({
      now: t,
      currentReplicas: specReplicas,
      isActive,
      isError,
      lastActiveTime,
      createdAt,
      spec: kedaSpec!,
    });
    lastActiveTime = step.lastActiveTime;
    setReplicas(step.replicas, t, 'keda', step.action);
  };

  const hpaSync = (t: number) => {
    const current = specReplicas;
    if (!hpaSeeded) {
      normalizer.seed(t, current);
      hpaSeeded = true;
    }
    if (current === 0 && scaler.min !== 0) {
      hpaScalingActive = false; // ScalingDisabled
      return;
    }
    if (current > scaler.max) {
      setReplicas(
        scaler.max,
        t,
        'hpa',
        'Current number of replicas above Spec.MaxReplicas',
      );
      return;
    }
    if (current < scaler.min) {
      setReplicas(
        scaler.min,
        t,
        'hpa',
        'Current number of replicas below Spec.MinReplicas',
      );
      return;
    }
    const s = state(t);
    const samples: HpaMetricSample[] = metrics.map(m => {
      if (!m.trigger || isResourceTrigger(m.trigger.type) || m.invalid) {
        if (failing(input, m, t)) return failedSample(m);
        return sampleMetric(
          m,
          m.source === 'Resource' ? resourceState(t) : s,
          capacity,
        );
      }
      // KEDA's metrics server answers the HPA (scale_handler.go GetScaledObjectMetrics).
      const reading = observe(m, t, s);
      observed.set(m.name, reading);
      if (reading.error) return failedSample(m);
      if (reading.fallbackActive) {
        return m.targetType === 'Value'
          ? {
              kind: 'value',
              name: m.name,
              target: m.target,
              value: reading.value!,
            }
          : {
              kind: 'totalAverage',
              name: m.name,
              targetAverage: m.target,
              total: reading.value!,
            };
      }
      return sampleMetric(m, s, capacity);
    });
    const rec = hpaReplicaRecommendation({
      specReplicas: current,
      statusReplicas: pods.count,
      readyPodCount: s.ready,
      metrics: samples,
      tolerances,
    });
    hpaScalingActive = rec.replicas !== undefined;
    if (rec.replicas === undefined) return;
    const normalized = normalizer.normalize(t, current, rec.replicas);
    if (normalized.replicas !== current) {
      const direction = normalized.replicas > current ? 'above' : 'below';
      const reason =
        normalized.limitReason === 'DesiredWithinRange'
          ? `${rec.metric} ${direction} target`
          : `${rec.metric} ${direction} target (${normalized.limitReason})`;
      setReplicas(normalized.replicas, t, 'hpa', reason);
    }
  };

  const record = (t: number) => {
    const s = state(t);
    const perPodLoad = s.ready > 0 ? s.load / s.ready : undefined;
    let servable = s.ready > 0 ? Number.POSITIVE_INFINITY : 0;
    if (capacity.maxRpsPerPod !== undefined)
      servable = s.ready * capacity.maxRpsPerPod;
    const unserved = Math.max(0, s.load - servable);
    const point: SimulationPoint = {
      t,
      load: s.load,
      desiredReplicas: specReplicas,
      readyReplicas: s.ready,
      unservedRps: unserved,
    };
    if (perPodLoad !== undefined) point.perPodLoad = perPodLoad;
    if (hasQueue) point.backlog = backlog;
    const latency = latencyEstimate(capacity, perPodLoad);
    if (latency !== undefined) point.latencyMs = latency;
    timeline.push(point);
    summary.unservedRequests += unserved * sync;
    if (unserved > 0) summary.secondsUnderProvisioned += sync;
  };

  let nextSync = 0;
  let nextPoll = keda ? 0 : Number.POSITIVE_INFINITY;
  const EPS = 1e-9;
  while (Math.min(nextSync, nextPoll) <= duration + EPS) {
    const t = Math.min(nextSync, nextPoll);
    advance(t);
    if (Math.abs(t - nextPoll) < EPS) {
      kedaPoll(t);
      nextPoll += keda!.pollingInterval;
    }
    if (Math.abs(t - nextSync) < EPS) {
      hpaSync(t);
      record(t);
      nextSync += sync;
    }
  }
  return { timeline, events, summary };
}
