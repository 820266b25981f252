// long-file: the HPA sync and KEDA poll loop of one simulation step, in upstream's order.
import type { HpaBehavior, KedaFallback } from '../types/status';
import {
  DEFAULT_DOWNSCALE_STABILIZATION_SECONDS,
  hpaTolerances,
  resolveHpaBehavior,
} from './hpaBehaviorDefaults';
import {
  HpaDesiredReplicas,
  HpaMetricSample,
  HpaSyncContext,
  hpaDesiredReplicas,
} from './hpaReplicaRecommendation';
import { HpaNormalizer } from './hpaNormalizer';
import { kedaFallbackMetric } from './kedaFallbackMetric';
import {
  KedaTriggerReading,
  isResourceTrigger,
  kedaScaledObjectState,
} from './kedaScaledObjectState';
import { KedaStepInput, kedaStep } from './kedaStep';
import { loadCursor } from './loadCurve';
import { validateSimulationInput } from './simulationInputSchema';
import { blankSimulationPoint } from './simulationPoint';
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
  SimulateOptions,
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
 * With `options.onPoint` the sync points are streamed instead of kept.
 */
export function simulateAutoscaler(
  rawInput: SimulationInput,
  options?: SimulateOptions,
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
  // (by metric index: trigger metric names are unique, `s{index}-{type}`)
  const failures: number[] = metrics.map(() => 0);
  // The HPA's last observation per external metric, which KEDA's scale loop
  // reuses instead of querying (scale_handler.go hpaObservedRecord).
  const observed: (KedaTriggerReading | undefined)[] = metrics.map(
    () => undefined,
  );
  // A trigger's reading when it answers is one of two: kept, not rebuilt each poll.
  const answered = metrics.map(m =>
    m.trigger
      ? {
          resource: { type: m.trigger.type } as KedaTriggerReading,
          above: { type: m.trigger.type, aboveActivation: true },
          below: { type: m.trigger.type, aboveActivation: false },
        }
      : undefined,
  );
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
  const stateNow: SimState = { load: 0, ready: 0, starting: 0, backlog: 0 };
  let memoT = Number.NaN;
  let memoVersion = -1;
  const state = (t: number): SimState => {
    if (
      memoT === t &&
      memoVersion === pods.version &&
      stateNow.backlog === backlog
    )
      return stateNow;
    const ready = pods.ready(t);
    stateNow.load = t === clock ? clockLoad : loadAt(t);
    stateNow.ready = ready;
    stateNow.starting = pods.count - ready;
    stateNow.backlog = backlog;
    memoT = t;
    memoVersion = pods.version;
    return stateNow;
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

  /** One observation of external trigger metric `i`, with fallback (scale_handler.go observeMetric). */
  const observe = (i: number, t: number, s: SimState): KedaTriggerReading => {
    const m = metrics[i];
    if (!failing(input, m, t)) {
      failures[i] = 0;
      return rawMetricValue(m, s, capacity) > m.trigger!.activationThreshold
        ? answered[i]!.above
        : answered[i]!.below;
    }
    const n = failures[i] + 1;
    failures[i] = n;
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
  // Reused by every poll: kedaStep and kedaScaledObjectState keep neither.
  // One reading per valid trigger, filled in place: the same count every
  // poll (setting an array's length to 0 would drop its backing store).
  const readings: KedaTriggerReading[] = [];
  const stepInput: KedaStepInput = {
    now: 0,
    currentReplicas: 0,
    isActive: false,
    isError: false,
    lastActiveTime: undefined,
    createdAt,
    spec: kedaSpec!,
  };
  const kedaPoll = (t: number) => {
    if (!keda) return;
    const s = state(t);
    // ScaledObject.UsesHPAObservations: with min > 0, no idle count (and no
    // cached metrics) the loop reuses the HPA's observations while it queries.
    const useHpa =
      keda.minReplicaCount > 0 && keda.idle === undefined && hpaScalingActive;
    let k = 0;
    for (let i = 0; i < metrics.length; i++) {
      const m = metrics[i];
      if (!m.trigger || m.invalid) continue;
      if (isResourceTrigger(m.trigger.type)) {
        readings[k++] = answered[i]!.resource;
        continue;
      }
      const record = useHpa ? observed[i] : undefined;
      readings[k++] = record ?? observe(i, t, s);
    }
    const { isActive, isError } = kedaScaledObjectState(readings);
    stepInput.now = t;
    stepInput.currentReplicas = specReplicas;
    stepInput.isActive = isActive;
    stepInput.isError = isError;
    stepInput.lastActiveTime = lastActiveTime;
    const step = kedaStep(stepInput);
    lastActiveTime = step.lastActiveTime;
    setReplicas(step.replicas, t, 'keda', step.action);
  };

  /** What the HPA reads for metric `m` at `t`. */
  const hpaSample = (i: number, t: number, s: SimState): HpaMetricSample => {
    const m = metrics[i];
    if (!m.trigger || isResourceTrigger(m.trigger.type) || m.invalid) {
      if (failing(input, m, t)) return failedSample(m);
      return sampleMetric(
        m,
        m.source === 'Resource' ? resourceState(t) : s,
        capacity,
      );
    }
    // KEDA's metrics server answers the HPA (scale_handler.go GetScaledObjectMetrics).
    const reading = observe(i, t, s);
    observed[i] = reading;
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
  };
  // Reused by every sync: nothing reads them after the sync.
  const samples: HpaMetricSample[] = new Array(metrics.length);
  const syncContext: HpaSyncContext = {
    specReplicas: 0,
    statusReplicas: 0,
    readyPodCount: 0,
    tolerances,
  };
  const desired: HpaDesiredReplicas = {
    replicas: undefined,
    metric: undefined,
    firstError: undefined,
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
    for (let i = 0; i < metrics.length; i++) samples[i] = hpaSample(i, t, s);
    syncContext.specReplicas = current;
    syncContext.statusReplicas = pods.count;
    syncContext.readyPodCount = s.ready;
    const rec = hpaDesiredReplicas(samples, syncContext, desired);
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

  const onPoint = options?.onPoint;
  // The one point handed to `onPoint`, every field always present.
  const streamed = blankSimulationPoint();
  const record = (t: number) => {
    const s = state(t);
    const perPodLoad = s.ready > 0 ? s.load / s.ready : undefined;
    let servable = s.ready > 0 ? Number.POSITIVE_INFINITY : 0;
    if (capacity.maxRpsPerPod !== undefined)
      servable = s.ready * capacity.maxRpsPerPod;
    const unserved = Math.max(0, s.load - servable);
    const latency = latencyEstimate(capacity, perPodLoad);
    summary.unservedRequests += unserved * sync;
    if (unserved > 0) summary.secondsUnderProvisioned += sync;
    if (onPoint) {
      streamed.t = t;
      streamed.load = s.load;
      streamed.desiredReplicas = specReplicas;
      streamed.readyReplicas = s.ready;
      streamed.unservedRps = unserved;
      streamed.perPodLoad = perPodLoad;
      streamed.backlog = hasQueue ? backlog : undefined;
      streamed.latencyMs = latency;
      onPoint(streamed);
      return;
    }
    const point: SimulationPoint = {
      t,
      load: s.load,
      desiredReplicas: specReplicas,
      readyReplicas: s.ready,
      unservedRps: unserved,
    };
    if (perPodLoad !== undefined) point.perPodLoad = perPodLoad;
    if (hasQueue) point.backlog = backlog;
    if (latency !== undefined) point.latencyMs = latency;
    timeline.push(point);
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
