import { nodeSpotLabel, podSpecSpotLabel } from '../../gpu/spot';
import type { Finding } from '../../types/status';
import type { FindingRule } from '../types';

const ID = 'realtime-on-spot';

/** `realtime-on-spot`: a real-time pattern running on, or aimed at, spot / preemptible capacity. */
export const realtimeOnSpotRule: FindingRule = {
  id: ID,
  description: 'A real-time service runs on spot or preemptible nodes.',
  evaluate(ctx) {
    const { pattern } = ctx;
    if (pattern !== 'realtime-cpu' && pattern !== 'realtime-gpu') return [];
    const spotNodes = new Map<string, string>();
    for (const n of ctx.nodes ?? []) {
      const label = nodeSpotLabel(n);
      if (label) spotNodes.set(n.meta.name, label);
    }
    for (const n of ctx.gpu.nodes)
      if (n.spot && n.capacityLabel) spotNodes.set(n.name, n.capacityLabel);
    const scheduled = ctx.pods.filter(p => p.nodeName);
    const onSpot = scheduled.filter(p => spotNodes.has(p.nodeName!));
    const specLabel = ctx.podSpec ? podSpecSpotLabel(ctx.podSpec) : undefined;
    let evidence: string;
    if (onSpot.length > 0) {
      const labels = [
        ...new Set(onSpot.map(p => spotNodes.get(p.nodeName!))),
      ].join(', ');
      evidence = `${onSpot.length} of ${scheduled.length} running pods are on spot capacity (${labels}).`;
    } else if (specLabel) {
      evidence = `The pod template selects spot capacity (${specLabel}).`;
    } else if (scheduled.length === 0 && ctx.gpu.spot) {
      evidence = 'The nodes this workload schedules to are spot capacity.';
    } else {
      return [];
    }
    const finding: Finding = {
      id: ID,
      severity: 'warning',
      title: `Real-time service (${pattern}) runs on spot capacity`,
      evidence: `${evidence} Spot nodes are reclaimed with 30 s to 2 min notice, often many at once, which drops in-flight requests and capacity below the latency SLO while replacements cold-start.`,
      fix: 'Pin real-time replicas to on-demand capacity (node affinity on karpenter.sh/capacity-type=on-demand or an on-demand pool), or keep at least minReplicas on on-demand and only the burst on spot; spot suits the async-batch pattern.',
    };
    if (ctx.workload) finding.subject = ctx.workload;
    return [finding];
  },
};
