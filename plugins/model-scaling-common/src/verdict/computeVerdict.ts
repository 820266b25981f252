// long-file: every signal of the verdict weighed in one place, so the order of severity is visible.
import { plural } from '../findings/format';
import type {
  ClusterError,
  Finding,
  Severity,
  Verdict,
  VerdictLevel,
  WorkloadStatus,
} from '../types/status';

/** Input of {@link computeVerdict}: everything known about one service. */
export interface VerdictInput {
  workloads: readonly WorkloadStatus[];
  clusterErrors?: readonly ClusterError[];
  latencySloMs?: number;
  /** All findings of the service; default: the workloads' findings. */
  findings?: readonly Finding[];
  /** Minutes of SLO misses predicted at the current load (e.g. by the what-if simulator over the next day). */
  predictedSloMissMinutes?: number;
}

type Reason = Verdict['reasons'][number] & {
  /** The reason as a headline, without figures after a colon. */
  short?: string;
};

/** Triton failure share of requests above which the service counts as failing, not at risk. */
const FAILING_ERROR_SHARE = 0.05;
/** A metric counts as "above target" beyond the HPA's own 10 % tolerance. */
const HPA_TOLERANCE = 0.1;

const LEVEL_ORDER: Record<Exclude<VerdictLevel, 'not-deployed'>, number> = {
  healthy: 0,
  'at-risk': 1,
  failing: 2,
};

/** Formatters by fraction digits (building an `Intl.NumberFormat` costs far more than using one). */
const FORMATS = new Map<number, Intl.NumberFormat>();

function fmt(n: number, digits = 1): string {
  let format = FORMATS.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits });
    FORMATS.set(digits, format);
  }
  return format.format(n);
}

function workloadName(w: WorkloadStatus, many: boolean): string {
  return many ? `${w.cluster}/${w.namespace}/${w.name}: ` : '';
}

/** Replica bounds and the counts of the autoscaler that drives a workload. */
function scaling(w: WorkloadStatus) {
  const { hpa, keda } = w.autoscaler;
  const max = keda?.maxReplicaCount ?? hpa?.maxReplicas;
  const current = hpa?.currentReplicas ?? w.replicas.current;
  const desired = hpa?.desiredReplicas ?? w.replicas.spec ?? current;
  return { max, current, desired, metrics: hpa?.metrics ?? [] };
}

function findingOf(findings: readonly Finding[], id: string) {
  return findings.find(f => f.id === id);
}

/**
 * One verdict for a model service from every signal it shows: failing,
 * at risk, healthy or not deployed, with each reason's evidence and fix.
 *
 * Failing: an `error` finding; at max replicas while a metric is above its
 * target; no ready replica while replicas are wanted; Triton average latency
 * (queue + compute) above the SLO; Triton failing more than 5 % of requests.
 * At risk: a `warning` finding (GPU sharing, batching far from its config,
 * pending pods, …); at max replicas with no headroom; pods Pending; Triton
 * errors or unreadable Triton pods; SLO misses predicted at the current load;
 * a cluster whose data is stale or unreachable. Healthy ("On the golden
 * path") only when none of these holds; `info` findings are listed but do
 * not change the level.
 */
export function computeVerdict(input: VerdictInput): Verdict {
  const workloads = input.workloads;
  const findings = input.findings ?? workloads.flatMap(w => w.findings);
  const clusterErrors = input.clusterErrors ?? [];

  if (workloads.length === 0) {
    if (clusterErrors.length > 0) {
      return {
        level: 'at-risk',
        headline: `No workload visible: ${plural(
          clusterErrors.length,
          'cluster',
        )} could not be read`,
        reasons: clusterErrors.map(e => ({
          severity: 'warning' as Severity,
          evidence: `Cluster ${e.cluster}: ${e.message}`,
          fix: 'Check the cluster connection in the fleet page’s cluster health; the service may be running there.',
        })),
      };
    }
    return {
      level: 'not-deployed',
      headline:
        'Not deployed: no Deployment matches this service in any cluster',
      reasons: [
        {
          severity: 'info',
          evidence:
            'No Deployment carries the service’s backstage.io/kubernetes-id label in the configured clusters.',
          fix: 'Apply the generated manifests (the template’s apply step or kubectl apply -f k8s/), or check the entity’s Kubernetes annotations.',
        },
      ],
    };
  }

  const failing: Reason[] = [];
  const atRisk: Reason[] = [];
  const notes: Reason[] = [];
  const used = new Set<Finding>();
  const many = workloads.length > 1;

  for (const w of workloads) {
    const prefix = workloadName(w, many);
    const s = scaling(w);
    const atMax = s.max !== undefined && s.max > 0 && s.current >= s.max;
    if (atMax) {
      const hot = s.metrics.filter(
        m =>
          m.current !== undefined &&
          m.target > 0 &&
          m.current > m.target * (1 + HPA_TOLERANCE),
      );
      const finding = findingOf(findings, 'hpa-at-max-replicas');
      if (finding) used.add(finding);
      const unit = (t: string) => (t === 'Utilization' ? ' %' : '');
      if (hot.length > 0 || s.desired > s.current) {
        const metrics = hot
          .map(
            m =>
              `${m.name} ${fmt(m.current!)}${unit(m.targetType)} (target ${fmt(
                m.target,
              )}${unit(m.targetType)})`,
          )
          .join(', ');
        failing.push({
          short: `${prefix}At max replicas (${s.current} of ${s.max}) while demand is above target`,
          findingId: 'hpa-at-max-replicas',
          severity: 'error',
          evidence: `${prefix}At max replicas (${s.current} of ${
            s.max
          }) while demand is above target${
            metrics ? `: ${metrics}` : `: the autoscaler wants ${s.desired}`
          }`,
          fix:
            finding?.fix ??
            'Raise the maximum replicas if the cluster can take it, or serve more per replica (dynamic batching, a larger instance).',
        });
      } else {
        atRisk.push({
          short: `${prefix}At max replicas (${s.current} of ${s.max}), no headroom for more load`,
          findingId: 'hpa-at-max-replicas',
          severity: 'warning',
          evidence: `${prefix}At max replicas (${s.current} of ${s.max}): no headroom for more load`,
          fix: 'Raise the maximum replicas before the next peak, or serve more per replica.',
        });
      }
    }

    const wanted = Math.max(s.desired, w.replicas.spec ?? 0);
    if (wanted > 0 && w.replicas.ready === 0) {
      failing.push({
        severity: 'error',
        evidence: `${prefix}No replica is ready (0 of ${wanted} wanted)`,
        fix: 'Look at the pods below: Pending pods need capacity, crashing pods need their logs.',
      });
    }

    const pending = w.pods.filter(p => p.phase === 'Pending');
    if (pending.length > 0) {
      const finding = findingOf(findings, 'pods-pending-while-scaling');
      if (finding) used.add(finding);
      const why = pending.find(p => p.pendingMessage ?? p.pendingReason);
      atRisk.push({
        short: `${prefix}${plural(pending.length, 'pod')} Pending`,
        ...(finding && { findingId: finding.id }),
        severity: 'warning',
        evidence: `${prefix}${plural(pending.length, 'pod')} Pending${
          why
            ? ` (${why.pendingReason ?? ''}${
                why.pendingMessage ? `: ${why.pendingMessage}` : ''
              })`
            : ''
        }`,
        fix:
          finding?.fix ??
          'Add node capacity (a node autoscaler with room for this pod’s resources) or lower the requests.',
      });
    }

    for (const m of w.triton?.models ?? []) {
      const latencyUs = (m.averageQueueUs ?? 0) + (m.averageComputeUs ?? 0);
      if (
        input.latencySloMs !== undefined &&
        m.averageComputeUs !== undefined &&
        latencyUs / 1000 > input.latencySloMs
      ) {
        failing.push({
          severity: 'error',
          evidence: `${prefix}Triton ${m.model}: average latency ${fmt(
            latencyUs / 1000,
          )} ms (queue ${fmt(
            (m.averageQueueUs ?? 0) / 1000,
          )} ms + compute ${fmt(
            m.averageComputeUs / 1000,
          )} ms) is above the ${fmt(input.latencySloMs)} ms SLO`,
          fix: 'Add replicas (lower the autoscaler target) or shorten max_queue_delay_microseconds; see the batching advice.',
        });
      }
      if (m.failuresPerSecond > 0) {
        const share =
          m.requestsPerSecond > 0
            ? m.failuresPerSecond / m.requestsPerSecond
            : 1;
        (share > FAILING_ERROR_SHARE ? failing : atRisk).push({
          severity: share > FAILING_ERROR_SHARE ? 'error' : 'warning',
          evidence: `${prefix}Triton ${m.model}: ${fmt(
            m.failuresPerSecond,
            2,
          )} failed requests/s (${fmt(share * 100)} % of requests)`,
          fix: 'Read the Triton server log of the failing pods (nv_inference_request_failure counts rejected and failed inferences).',
        });
      }
    }
    for (const e of w.triton?.errors ?? []) {
      atRisk.push({
        severity: 'warning',
        evidence: `${prefix}Triton figures of pod ${e.pod} could not be read: ${e.message}`,
        fix: 'Check that the pod serves Triton’s metrics (port 8002) and HTTP API (port 8000).',
      });
    }
  }

  if (
    input.predictedSloMissMinutes !== undefined &&
    input.predictedSloMissMinutes > 0
  ) {
    atRisk.push({
      severity: 'warning',
      evidence: `The what-if simulation predicts ${fmt(
        input.predictedSloMissMinutes,
        0,
      )} min over the SLO at the current load`,
      fix: 'Raise the maximum replicas or lower the autoscaler target until the simulation shows no minutes over the SLO.',
    });
  }

  for (const e of clusterErrors) {
    atRisk.push({
      severity: 'warning',
      evidence: `Cluster ${e.cluster}${
        e.stale ? ' (data shown is stale)' : ''
      }: ${e.message}`,
      fix: 'Check the cluster connection; figures from this cluster may be out of date.',
    });
  }

  for (const f of findings) {
    if (used.has(f)) continue;
    const reason: Reason = {
      short: f.title,
      findingId: f.id,
      severity: f.severity,
      evidence: `${f.title}: ${f.evidence}`,
      fix: f.fix,
    };
    if (f.severity === 'error') failing.push(reason);
    else if (f.severity === 'warning') atRisk.push(reason);
    else notes.push(reason);
  }

  let level: Exclude<VerdictLevel, 'not-deployed'> = 'healthy';
  if (failing.length > 0) level = 'failing';
  else if (atRisk.length > 0) level = 'at-risk';
  const problems = [...failing, ...atRisk];
  let headline: string;
  if (problems.length === 0) {
    headline = 'On the golden path: no scaling problem found';
  } else {
    const top = problems[0];
    const shortFirst = top.short ?? top.evidence.split(/:\s/)[0];
    headline =
      problems.length > 1
        ? `${shortFirst} (and ${plural(problems.length - 1, 'more problem')})`
        : shortFirst;
  }
  return {
    level,
    headline,
    reasons: [...problems, ...notes].map(({ short: _short, ...r }) => r),
  };
}

/** Orders verdict levels from best to worst (not deployed sorts apart, after failing). */
export function verdictRank(level: VerdictLevel): number {
  return level === 'not-deployed' ? 3 : LEVEL_ORDER[level];
}
