import { parseQuantity } from '@internal/plugin-model-scaling-common';
import type { KubeObject } from '../api/ObjectStore';
import { podRequests } from './podTemplate';

/** Why a node does not fit a pod, in the words of kube-scheduler's status message. */
type Misfit =
  | { kind: 'selector' }
  | { kind: 'taint'; taint: string }
  | { kind: 'insufficient'; resource: string }
  | { kind: 'unschedulable' };

function tolerates(tolerations: any[], taint: any): boolean {
  return tolerations.some(t => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

function matchesExpression(labels: Record<string, string>, e: any): boolean {
  const value = labels[e.key];
  switch (e.operator) {
    case 'In':
      return value !== undefined && (e.values ?? []).includes(value);
    case 'NotIn':
      return value === undefined || !(e.values ?? []).includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(e.values?.[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(e.values?.[0]);
    default:
      return false;
  }
}

function selects(pod: any, node: any): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) {
    if (labels[k] !== v) return false;
  }
  const terms =
    pod.spec.affinity?.nodeAffinity
      ?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (Array.isArray(terms) && terms.length > 0) {
    return terms.some((term: any) =>
      (term.matchExpressions ?? []).every((e: any) =>
        matchesExpression(labels, e),
      ),
    );
  }
  return true;
}

function preferenceScore(pod: any, node: any): number {
  const labels = node.metadata.labels ?? {};
  const prefs =
    pod.spec.affinity?.nodeAffinity
      ?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  return prefs.reduce(
    (score: number, p: any) =>
      (p.preference?.matchExpressions ?? []).every((e: any) =>
        matchesExpression(labels, e),
      )
        ? score + (p.weight ?? 0)
        : score,
    0,
  );
}

const allocatableCache = new WeakMap<object, Record<string, number>>();

function allocatable(node: any): Record<string, number> {
  const cached = allocatableCache.get(node);
  if (cached) return cached;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(
    node.status?.allocatable ?? node.status?.capacity ?? {},
  )) {
    out[k] = parseQuantity(String(v));
  }
  allocatableCache.set(node, out);
  return out;
}

/** Requests of the pods already bound to each node (pods that still hold resources). */
export function usageByNode(
  pods: readonly KubeObject[],
): Map<string, Record<string, number>> {
  const usage = new Map<string, Record<string, number>>();
  for (const pod of pods as any[]) {
    const node = pod.spec?.nodeName;
    const phase = pod.status?.phase;
    if (!node || phase === 'Succeeded' || phase === 'Failed') continue;
    const u = usage.get(node) ?? { pods: 0 };
    u.pods += 1;
    for (const [r, q] of Object.entries(podRequests(pod.spec)))
      u[r] = (u[r] ?? 0) + q;
    usage.set(node, u);
  }
  return usage;
}

function misfit(
  pod: any,
  node: any,
  used: Record<string, number>,
): Misfit | undefined {
  if (node.spec?.unschedulable) return { kind: 'unschedulable' };
  if (!selects(pod, node)) return { kind: 'selector' };
  for (const taint of node.spec?.taints ?? []) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerates(pod.spec.tolerations ?? [], taint)) {
      return { kind: 'taint', taint: `{${taint.key}: ${taint.value ?? ''}}` };
    }
  }
  const alloc = allocatable(node);
  const want = { ...podRequests(pod.spec), pods: 1 };
  for (const [r, q] of Object.entries(want)) {
    if (q <= 0) continue;
    if ((used[r] ?? 0) + q > (alloc[r] ?? 0) + 1e-9)
      return { kind: 'insufficient', resource: r };
  }
  return undefined;
}

function misfitText(m: Misfit): string {
  switch (m.kind) {
    case 'selector':
      return "node(s) didn't match Pod's node affinity/selector";
    case 'taint':
      return `node(s) had untolerated taint ${m.taint}`;
    case 'unschedulable':
      return 'node(s) were unschedulable';
    default:
      return `Insufficient ${m.resource}`;
  }
}

/** The outcome of trying to schedule one pod. */
export type ScheduleResult =
  | { bound: true; nodeName: string }
  | { bound: false; message: string };

/**
 * Picks a node for a pod the way kube-scheduler's filters do (node selector, required node
 * affinity, taints, resource fit including extended GPU resources), preferring nodes that
 * match preferred affinity, then the least loaded. On failure, the message has
 * kube-scheduler's form: `0/7 nodes are available: 1 Insufficient nvidia.com/gpu, ...`.
 */
export function schedulePod(
  pod: KubeObject,
  nodes: readonly KubeObject[],
  usage: Map<string, Record<string, number>>,
): ScheduleResult {
  const fits: { node: any; score: number; load: number }[] = [];
  const reasons = new Map<string, number>();
  for (const node of nodes as any[]) {
    const used = usage.get(node.metadata.name) ?? {};
    const m = misfit(pod, node, used);
    if (!m) {
      fits.push({
        node,
        score: preferenceScore(pod, node),
        load: used.pods ?? 0,
      });
      continue;
    }
    const text = misfitText(m);
    reasons.set(text, (reasons.get(text) ?? 0) + 1);
  }
  if (fits.length > 0) {
    fits.sort(
      (a, b) =>
        b.score - a.score ||
        a.load - b.load ||
        a.node.metadata.name.localeCompare(b.node.metadata.name),
    );
    return { bound: true, nodeName: fits[0].node.metadata.name };
  }
  const parts = [...reasons.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([text, n]) => `${n} ${text}`);
  const insufficient = [...reasons.entries()]
    .filter(([t]) => t.startsWith('Insufficient'))
    .reduce((s, [, n]) => s + n, 0);
  const total = nodes.length;
  const preemption =
    insufficient > 0
      ? `preemption: 0/${total} nodes are available: ${insufficient} No preemption victims found for incoming pod, ${
          total - insufficient
        } Preemption is not helpful for scheduling.`
      : `preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
  return {
    bound: false,
    message: `0/${total} nodes are available: ${parts.join(
      ', ',
    )}. ${preemption}`,
  };
}

/** Adds a pod's requests to the usage map after binding it. */
export function addUsage(
  usage: Map<string, Record<string, number>>,
  nodeName: string,
  pod: KubeObject,
): void {
  const u = usage.get(nodeName) ?? { pods: 0 };
  u.pods = (u.pods ?? 0) + 1;
  for (const [r, q] of Object.entries(podRequests((pod as any).spec)))
    u[r] = (u[r] ?? 0) + q;
  usage.set(nodeName, u);
}
