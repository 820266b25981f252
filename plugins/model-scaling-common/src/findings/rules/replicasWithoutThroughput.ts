import type { Finding } from '../../types/status';
import { duration, num } from '../format';
import type { FindingRule, ThroughputSample } from '../types';

const ID = 'replicas-without-throughput';
/** How far back the trend is judged. */
const WINDOW_SECONDS = 30 * 60;

function ms(at: ThroughputSample['at']): number {
  return typeof at === 'number' ? at : Date.parse(at);
}

/** `replicas-without-throughput`: replicas went up, served requests did not — a downstream bottleneck. */
export const replicasWithoutThroughputRule: FindingRule = {
  id: ID,
  description:
    'Replicas rise while throughput stays flat (a downstream bottleneck such as a database or cache).',
  evaluate(ctx) {
    const samples = (ctx.throughputHistory ?? [])
      .filter(
        s =>
          Number.isFinite(ms(s.at)) &&
          ms(s.at) >= ctx.nowMs - WINDOW_SECONDS * 1000,
      )
      .sort((a, b) => ms(a.at) - ms(b.at));
    if (samples.length < 2) return [];
    // From the fewest replicas of the window to the latest sample.
    const first = samples.reduce(
      (lo, s) => (s.replicas < lo.replicas ? s : lo),
      samples[0],
    );
    const last = samples[samples.length - 1];
    if (ms(last.at) <= ms(first.at)) return [];
    const grew = last.replicas - first.replicas;
    if (grew < 2 || last.replicas < first.replicas * 1.5) return [];
    if (last.requestsPerSecond > first.requestsPerSecond * 1.1) return [];
    const perPodBefore = first.requestsPerSecond / Math.max(1, first.replicas);
    const perPodNow = last.requestsPerSecond / Math.max(1, last.replicas);
    const finding: Finding = {
      id: ID,
      severity: 'warning',
      title: `Replicas went from ${first.replicas} to ${last.replicas} but throughput did not follow`,
      evidence:
        `Over ${duration((ms(last.at) - ms(first.at)) / 1000)}: ${
          first.replicas
        } → ${last.replicas} replicas while served requests went ` +
        `${num(first.requestsPerSecond)} → ${num(
          last.requestsPerSecond,
        )} req/s (per replica ${num(perPodBefore)} → ${num(perPodNow)}).`,
      fix:
        'More replicas are not serving more: the limit is downstream (a database, cache, feature store or rate-limited API) or in front (load balancer, client concurrency). ' +
        'Check that dependency’s saturation, cap maxReplicas at what it can take, and scale on served work (request rate or queue time) rather than latency or CPU alone.',
    };
    if (ctx.workload) finding.subject = ctx.workload;
    return [finding];
  },
};
