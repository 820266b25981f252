// long-file: upstream's replica_calculator.go and the metric loop of horizontal.go, function by function, cited in place.
/*
 * The HPA controller's replica calculation for one sync (kubernetes
 * pkg/controller/podautoscaler/replica_calculator.go and the metric loop of
 * horizontal.go), on plain inputs.
 */

/** Default `--horizontal-pod-autoscaler-tolerance`. */
export const DEFAULT_HPA_TOLERANCE = 0.1;

/** Scale-up and scale-down tolerances (KEP-4951 lets `behavior` set them per direction). */
export interface HpaTolerances {
  scaleUp: number;
  scaleDown: number;
}

/**
 * One pod as the replica calculator sees it for one metric:
 * - `ready`: counted, with its metric `value` (may be missing → treated as `missing`);
 * - `unready`: Pending, or (for CPU) not ready yet — set aside, counted as 0 on a scale-up;
 * - `missing`: running but without a metric sample.
 * `request` is the pod's resource request (Resource metrics only).
 */
export interface HpaPodSample {
  state: 'ready' | 'unready' | 'missing';
  value?: number;
  request?: number;
  /** How many identical pods this entry stands for (default 1), so large fleets stay cheap to simulate. */
  count?: number;
}

/** What one HPA metric measured at this sync, in the shape its target type needs. */
export type HpaMetricSample =
  /** Resource / ContainerResource with a `Utilization` target: values and requests in the same unit (millicores, bytes). */
  | {
      kind: 'utilization';
      name: string;
      targetUtilization: number;
      pods: HpaPodSample[];
    }
  /** Pods metrics and Resource `AverageValue`: per-pod values against a per-pod target. */
  | {
      kind: 'podsAverage';
      name: string;
      targetAverage: number;
      pods: HpaPodSample[];
    }
  /** Object / External with a `Value` target: one value (External: the sum of the series). */
  | { kind: 'value'; name: string; target: number; value: number }
  /** Object / External with an `AverageValue` target: the total, divided across the pods by the HPA. */
  | { kind: 'totalAverage'; name: string; targetAverage: number; total: number }
  /** The metric could not be read (the HPA's `FailedGet*Metric`). */
  | { kind: 'invalid'; name: string; reason: string; message: string };

/** The replica proposal of one metric, or why it has none. */
export interface HpaMetricProposal {
  name: string;
  replicas?: number;
  /** Current utilization (percent) or average/total value the HPA would report. */
  current?: number;
  error?: { reason: string; message: string };
}

/** Input of {@link hpaReplicaRecommendation}. */
export interface HpaRecommendationInput {
  /** `scale.spec.replicas`. */
  specReplicas: number;
  /** `scale.status.replicas`: pods that exist (used by AverageValue totals). Defaults to `specReplicas`. */
  statusReplicas?: number;
  /** Running and Ready pods (used by `Value` targets). Defaults to `specReplicas`. */
  readyPodCount?: number;
  metrics: HpaMetricSample[];
  tolerances?: Partial<HpaTolerances>;
}

/** Result of {@link hpaReplicaRecommendation}. */
export interface HpaRecommendation {
  /** The max over valid metrics; `undefined` when the HPA does not scale this sync. */
  replicas?: number;
  /** Name of the metric that gave the max. */
  metric?: string;
  proposals: HpaMetricProposal[];
  /** The HPA's `ScalingActive` condition for this sync. */
  scalingActive: { status: 'True' | 'False'; reason: string; message: string };
}

function isWithin(ratio: number, tol: HpaTolerances): boolean {
  return 1 - tol.scaleDown <= ratio && ratio <= 1 + tol.scaleUp;
}

/** The proposal of a usage ratio over the ready pods: the current replicas within the tolerance, else ceil(ratio × ready). */
function byRatio(
  name: string,
  ratio: number,
  readyCount: number,
  current: number,
  value: number,
  tol: HpaTolerances,
): HpaMetricProposal {
  return {
    name,
    replicas: isWithin(ratio, tol) ? current : Math.ceil(ratio * readyCount),
    current: value,
  };
}

/**
 * The proposal once missing and unready pods are counted in (`newRatio` over
 * `podCount` pods): the current replicas when the new ratio is within the
 * tolerance, turned the other way than `ratio`, or would move the replicas
 * against it; else ceil(newRatio × podCount).
 */
function byRebalancedRatio(
  name: string,
  ratio: number,
  newRatio: number,
  podCount: number,
  current: number,
  value: number,
  tol: HpaTolerances,
): HpaMetricProposal {
  if (
    isWithin(newRatio, tol) ||
    (ratio > 1 && newRatio < 1) ||
    (ratio < 1 && newRatio > 1)
  ) {
    return { name, replicas: current, current: value };
  }
  const replicas = Math.ceil(newRatio * podCount);
  if (
    (newRatio < 1 && replicas > current) ||
    (newRatio > 1 && replicas < current)
  ) {
    return { name, replicas: current, current: value };
  }
  return { name, replicas, current: value };
}

interface Entry {
  value: number;
  request: number;
  count: number;
}

function countOf(p: HpaPodSample): number {
  return p.count ?? 1;
}

function total(pods: readonly { count: number }[]): number {
  return pods.reduce((a, p) => a + p.count, 0);
}

function utilizationOf(entries: Entry[], target: number) {
  let usage = 0;
  let requests = 0;
  for (const e of entries) {
    usage += e.value * e.count;
    requests += e.request * e.count;
  }
  if (requests <= 0) return undefined;
  // currentUtilization = int32((metricsTotal * 100) / requestsTotal): integer division.
  const utilization = Math.floor((usage * 100) / requests);
  return { ratio: utilization / target, utilization };
}

function averageOf(
  entries: { value: number; count: number }[],
  target: number,
) {
  // Values in milli-units; currentUsage = metricsTotal / len (integer division).
  let milli = 0;
  let n = 0;
  for (const e of entries) {
    milli += Math.round(e.value * 1000) * e.count;
    n += e.count;
  }
  const average = Math.trunc(milli / n);
  return {
    ratio: average / Math.round(target * 1000),
    average: average / 1000,
  };
}

type Counted = HpaPodSample & { count: number };

function groupPods(pods: HpaPodSample[]) {
  const ready: Counted[] = [];
  const unready: Counted[] = [];
  const missing: Counted[] = [];
  let all = 0;
  for (const p of pods) {
    const count = countOf(p);
    if (count <= 0) continue;
    all += count;
    const entry = (
      p.count === count
        ? p
        : { state: p.state, value: p.value, request: p.request, count }
    ) as Counted;
    if (p.state === 'unready') unready.push(entry);
    else if (p.state === 'missing' || p.value === undefined)
      missing.push(entry);
    else ready.push(entry);
  }
  return { ready, unready, missing, all };
}

function podError(message: string, reason: string): HpaMetricProposal['error'] {
  return { reason, message };
}

/**
 * The common case of {@link utilizationReplicas} without allocations: every
 * pod entry ready, with a value and a request. The same sums in the same
 * order as the general path, so the same result; `undefined` otherwise.
 * @internal
 */
export function allReadyUtilization(
  m: Extract<HpaMetricSample, { kind: 'utilization' }>,
  current: number,
  tol: HpaTolerances,
): HpaMetricProposal | undefined {
  const pods = m.pods;
  let usage = 0;
  let requests = 0;
  let readyCount = 0;
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i];
    const count = p.count ?? 1;
    if (count <= 0) continue;
    if (p.state !== 'ready' || p.value === undefined || p.request === undefined)
      return undefined;
    usage += p.value * count;
    requests += p.request * count;
    readyCount += count;
  }
  if (readyCount === 0 || requests <= 0) return undefined;
  const utilization = Math.floor((usage * 100) / requests);
  const ratio = utilization / m.targetUtilization;
  return byRatio(m.name, ratio, readyCount, current, utilization, tol);
}

function utilizationReplicas(
  m: Extract<HpaMetricSample, { kind: 'utilization' }>,
  current: number,
  tol: HpaTolerances,
): HpaMetricProposal {
  return (
    allReadyUtilization(m, current, tol) ??
    groupedUtilizationReplicas(m, current, tol)
  );
}

/**
 * {@link utilizationReplicas} through the replica calculator's pod groups
 * (ready, unready, missing), the general path.
 * @internal exported for the test that the allocation-free path agrees with it
 */
export function groupedUtilizationReplicas(
  m: Extract<HpaMetricSample, { kind: 'utilization' }>,
  current: number,
  tol: HpaTolerances,
): HpaMetricProposal {
  const reason = 'FailedGetResourceMetric';
  const { ready, unready, missing, all } = groupPods(m.pods);
  if (all === 0) {
    return {
      name: m.name,
      error: podError(
        'no pods returned by selector while calculating replica count',
        reason,
      ),
    };
  }
  if (
    ready.some(p => p.request === undefined) ||
    unready.some(p => p.request === undefined) ||
    missing.some(p => p.request === undefined)
  ) {
    return {
      name: m.name,
      error: podError(`missing request for ${m.name}`, reason),
    };
  }
  if (ready.length === 0) {
    return {
      name: m.name,
      error: podError(
        'did not receive metrics for targeted pods (pods might be unready)',
        reason,
      ),
    };
  }
  const entries: Entry[] = ready.map(p => ({
    value: p.value!,
    request: p.request!,
    count: p.count,
  }));
  const first = utilizationOf(entries, m.targetUtilization);
  const readyCount = total(ready);
  if (!first)
    return {
      name: m.name,
      error: podError('no metrics returned matched known pods', reason),
    };
  const { ratio, utilization } = first;
  const scaleUpWithUnready = unready.length > 0 && ratio > 1;
  if (!scaleUpWithUnready && missing.length === 0)
    return byRatio(m.name, ratio, readyCount, current, utilization, tol);
  if (missing.length > 0) {
    if (ratio < 1) {
      // Scale-down: missing pods use max(100 %, target) of their request.
      const fallback = Math.max(100, m.targetUtilization);
      for (const p of missing) {
        entries.push({
          value: Math.floor((p.request! * fallback) / 100),
          request: p.request!,
          count: p.count,
        });
      }
    } else if (ratio > 1) {
      for (const p of missing)
        entries.push({ value: 0, request: p.request!, count: p.count });
    }
  }
  if (scaleUpWithUnready) {
    for (const p of unready)
      entries.push({ value: 0, request: p.request!, count: p.count });
  }
  const newRatio = utilizationOf(entries, m.targetUtilization)!.ratio;
  return byRebalancedRatio(
    m.name,
    ratio,
    newRatio,
    total(entries),
    current,
    utilization,
    tol,
  );
}

function plainReplicas(
  m: Extract<HpaMetricSample, { kind: 'podsAverage' }>,
  current: number,
  tol: HpaTolerances,
): HpaMetricProposal {
  const reason = 'FailedGetPodsMetric';
  const { ready, unready, missing, all } = groupPods(m.pods);
  if (all === 0) {
    return {
      name: m.name,
      error: podError(
        'no pods returned by selector while calculating replica count',
        reason,
      ),
    };
  }
  if (ready.length === 0) {
    return {
      name: m.name,
      error: podError(
        'did not receive metrics for targeted pods (pods might be unready)',
        reason,
      ),
    };
  }
  const values = ready.map(p => ({ value: p.value!, count: p.count }));
  const { ratio, average } = averageOf(values, m.targetAverage);
  const readyCount = total(ready);
  const scaleUpWithUnready = unready.length > 0 && ratio > 1;
  if (!scaleUpWithUnready && missing.length === 0)
    return byRatio(m.name, ratio, readyCount, current, average, tol);
  if (missing.length > 0) {
    // Scale-down: missing pods count as exactly the target; otherwise as 0.
    for (const p of missing)
      values.push({ value: ratio < 1 ? m.targetAverage : 0, count: p.count });
  }
  if (scaleUpWithUnready) {
    for (const p of unready) values.push({ value: 0, count: p.count });
  }
  const newRatio = averageOf(values, m.targetAverage).ratio;
  return byRebalancedRatio(
    m.name,
    ratio,
    newRatio,
    total(values),
    current,
    average,
    tol,
  );
}

/** Replica count proposed by one metric sample (one call of the replica calculator). */
export function replicasForMetric(
  m: HpaMetricSample,
  ctx: HpaSyncContext,
): HpaMetricProposal {
  switch (m.kind) {
    case 'invalid':
      return { name: m.name, error: { reason: m.reason, message: m.message } };
    case 'utilization':
      return utilizationReplicas(m, ctx.specReplicas, ctx.tolerances);
    case 'podsAverage':
      return plainReplicas(m, ctx.specReplicas, ctx.tolerances);
    case 'value': {
      const ratio = m.value / m.target;
      if (ctx.specReplicas === 0)
        return { name: m.name, replicas: Math.ceil(ratio), current: m.value };
      return byRatio(
        m.name,
        ratio,
        ctx.readyPodCount,
        ctx.specReplicas,
        m.value,
        ctx.tolerances,
      );
    }
    case 'totalAverage': {
      const ratio = m.total / (m.targetAverage * ctx.statusReplicas);
      const replicas = isWithin(ratio, ctx.tolerances)
        ? ctx.statusReplicas
        : Math.ceil(m.total / m.targetAverage);
      const current =
        ctx.statusReplicas > 0
          ? Math.ceil(m.total / ctx.statusReplicas)
          : m.total;
      return { name: m.name, replicas, current };
    }
    default:
      return {
        name: (m as { name: string }).name,
        error: {
          reason: 'InvalidMetricSourceType',
          message: 'unknown metric kind',
        },
      };
  }
}

/** The replica calculator's context for one sync, tolerances resolved. */
export interface HpaSyncContext {
  specReplicas: number;
  statusReplicas: number;
  readyPodCount: number;
  tolerances: HpaTolerances;
}

/**
 * What one sync recommends, without the result document: `replicas`
 * undefined when the HPA does not scale.
 * @internal
 */
export interface HpaDesiredReplicas {
  replicas: number | undefined;
  metric: string | undefined;
  firstError: HpaMetricProposal['error'];
}

/**
 * The loop of {@link hpaReplicaRecommendation} (horizontal.go
 * computeReplicasForMetrics): the max over the valid metrics' proposals,
 * and no scaling when all are invalid or the rest would scale down. Written
 * into `out` and returned; proposals are appended to `proposals` when
 * given. The simulator calls this every sync, so it allocates nothing of
 * its own.
 * @internal
 */
export function hpaDesiredReplicas(
  metrics: readonly HpaMetricSample[],
  ctx: HpaSyncContext,
  out: HpaDesiredReplicas,
  proposals?: HpaMetricProposal[],
): HpaDesiredReplicas {
  let replicas = 0;
  let metric: string | undefined;
  let firstError: HpaMetricProposal['error'];
  let invalid = 0;
  for (let i = 0; i < metrics.length; i++) {
    const p = replicasForMetric(metrics[i], ctx);
    proposals?.push(p);
    if (p.error || p.replicas === undefined) {
      invalid++;
      firstError ??= p.error;
      continue;
    }
    if (metric === undefined || p.replicas > replicas) {
      replicas = p.replicas;
      metric = p.name;
    }
  }
  const scales = !(
    invalid >= metrics.length ||
    (invalid > 0 && replicas < ctx.specReplicas)
  );
  out.replicas = scales ? replicas : undefined;
  out.metric = scales ? metric : undefined;
  out.firstError = firstError;
  return out;
}

/**
 * The replica count one HPA sync recommends from its metrics, before
 * stabilization and rate limits: each metric's proposal (tolerance band,
 * `ceil(ratio × ready pods)`, integer utilization, the missing-metrics and
 * unready-pods rules), then the max over metrics. Invalid metrics are skipped
 * unless all are invalid or the rest would scale down — then the HPA does not
 * scale (`replicas` undefined, `ScalingActive=False` with the first error).
 */
export function hpaReplicaRecommendation(
  input: HpaRecommendationInput,
): HpaRecommendation {
  const ctx: HpaSyncContext = {
    specReplicas: input.specReplicas,
    statusReplicas: input.statusReplicas ?? input.specReplicas,
    readyPodCount: input.readyPodCount ?? input.specReplicas,
    tolerances: {
      scaleUp: input.tolerances?.scaleUp ?? DEFAULT_HPA_TOLERANCE,
      scaleDown: input.tolerances?.scaleDown ?? DEFAULT_HPA_TOLERANCE,
    },
  };
  const proposals: HpaMetricProposal[] = [];
  const { replicas, metric, firstError } = hpaDesiredReplicas(
    input.metrics,
    ctx,
    { replicas: undefined, metric: undefined, firstError: undefined },
    proposals,
  );
  if (replicas === undefined) {
    return {
      proposals,
      scalingActive: {
        status: 'False',
        reason: firstError?.reason ?? 'InvalidMetricSourceType',
        message:
          firstError?.message ?? 'no metrics to compute a replica count from',
      },
    };
  }
  return {
    replicas,
    metric,
    proposals,
    scalingActive: {
      status: 'True',
      reason: 'ValidMetricFound',
      message: `the HPA was able to successfully calculate a replica count from ${metric}`,
    },
  };
}
