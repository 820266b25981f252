import type {
  GpuNodeView,
  GpuSharing,
  GpuSharingMode,
  SlimNode,
  SlimPod,
  SlimPodSpec,
} from '../types/status';
import { GpuRequest, gpuRequestsOf } from './gpuResources';
import { nodeSpotLabel, podSpecSpotLabel } from './spot';

const MIG_PRODUCT = /-MIG-(\d+g\.\d+gb(?:\+me)?)/;

function intLabel(
  labels: Record<string, string>,
  key: string,
): number | undefined {
  const raw = labels[key];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** A node as the GPU card shows it, from its GPU Feature Discovery labels and spot labels. */
export function gpuNodeView(node: SlimNode): GpuNodeView {
  const labels = node.meta.labels;
  const view: GpuNodeView = { name: node.meta.name, spot: false };
  if (labels['nvidia.com/gpu.product'])
    view.product = labels['nvidia.com/gpu.product'];
  const memory = intLabel(labels, 'nvidia.com/gpu.memory');
  if (memory !== undefined) view.memoryMiB = memory;
  const count = intLabel(labels, 'nvidia.com/gpu.count');
  if (count !== undefined) view.gpuCount = count;
  const replicas = intLabel(labels, 'nvidia.com/gpu.replicas');
  if (replicas !== undefined) view.replicas = replicas;
  if (labels['nvidia.com/gpu.sharing-strategy'])
    view.sharingStrategy = labels['nvidia.com/gpu.sharing-strategy'];
  if (labels['nvidia.com/mig.strategy'])
    view.migStrategy = labels['nvidia.com/mig.strategy'];
  const spotLabel = nodeSpotLabel(node);
  if (spotLabel) {
    view.spot = true;
    view.capacityLabel = spotLabel;
  }
  return view;
}

interface Classification {
  mode: GpuSharingMode;
  replicas?: number;
  migProfile?: string;
  migStrategy?: 'single' | 'mixed';
  memoryIsolation: boolean;
}

/**
 * How the device plugin shares the requested resource, judged from GFD labels
 * (a node's, or the labels a pod spec selects when no node is known).
 * The strategy resolves like the device plugin: MPS or time-slicing when its
 * replicas exceed 1, else not shared.
 */
function classify(
  request: GpuRequest,
  labels: Record<string, string>,
): Classification {
  const prefix = request.labelPrefix;
  const product = labels[`${prefix}.product`] ?? '';
  const replicasLabel = intLabel(labels, `${prefix}.replicas`);
  const strategy = (labels[`${prefix}.sharing-strategy`] ?? '').toLowerCase();
  const shared =
    request.renamedShared ||
    strategy === 'time-slicing' ||
    strategy === 'mps' ||
    (replicasLabel !== undefined && replicasLabel > 1) ||
    product.endsWith('-SHARED');
  const replicas =
    shared && replicasLabel !== undefined && replicasLabel > 1
      ? replicasLabel
      : undefined;

  if (request.migProfile) {
    return {
      mode: 'mig',
      migProfile: request.migProfile,
      migStrategy: 'mixed',
      ...(replicas ? { replicas } : {}),
      // Pods time-sliced onto one MIG slice share that slice's memory.
      memoryIsolation: !shared,
    };
  }
  const migInProduct = MIG_PRODUCT.exec(product);
  if (
    migInProduct ||
    (labels['nvidia.com/mig.strategy'] === 'single' && /-MIG-/.test(product))
  ) {
    return {
      mode: 'mig',
      migProfile: migInProduct?.[1],
      migStrategy: 'single',
      ...(replicas ? { replicas } : {}),
      memoryIsolation: !shared,
    };
  }
  if (strategy === 'mps') {
    // MPS gives each client an equal, enforced share of memory and compute.
    return {
      mode: 'mps',
      ...(replicas ? { replicas } : {}),
      memoryIsolation: true,
    };
  }
  if (shared) {
    return {
      mode: 'time-slicing',
      ...(replicas ? { replicas } : {}),
      memoryIsolation: false,
    };
  }
  return { mode: 'exclusive', memoryIsolation: true };
}

function selectorLabels(spec: SlimPodSpec): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    ...spec.preferredNodeLabels,
    ...spec.requiredNodeLabels,
    ...spec.nodeSelector,
  })) {
    if (v !== '*') labels[k] = v;
  }
  return labels;
}

function nodeMatches(
  node: SlimNode,
  spec: SlimPodSpec,
  request: GpuRequest | undefined,
): boolean {
  const required = { ...spec.requiredNodeLabels, ...spec.nodeSelector };
  for (const [key, value] of Object.entries(required)) {
    const actual = node.meta.labels[key];
    if (actual === undefined || (value !== '*' && actual !== value))
      return false;
  }
  if (request) {
    const capacity =
      node.allocatable[request.resourceName] ??
      node.capacity[request.resourceName];
    if (capacity === undefined || Number(capacity) <= 0) return false;
  }
  return true;
}

function mostCommon<T>(values: T[], key: (v: T) => string): T | undefined {
  const counts = new Map<string, { value: T; n: number }>();
  for (const v of values) {
    const k = key(v);
    const entry = counts.get(k);
    if (entry) entry.n++;
    else counts.set(k, { value: v, n: 1 });
  }
  let best: { value: T; n: number } | undefined;
  for (const entry of counts.values()) {
    if (!best || entry.n > best.n) best = entry;
  }
  return best?.value;
}

/**
 * The GPU sharing mode of a workload — exclusive, time-slicing (with
 * replicas), MPS, MIG (profile and single/mixed strategy) or none — from the
 * pods' (or the pod template's) NVIDIA resource requests and the GPU Feature
 * Discovery labels of the nodes they run on (for a template: the nodes it can
 * schedule to). Without nodes, the GFD labels the spec selects are used, so
 * rendered manifests are interpreted too. `spot` is true when any pod runs on,
 * or the spec targets, spot capacity.
 */
export function interpretGpuSharing(
  podsOrSpec: readonly SlimPod[] | SlimPodSpec,
  nodes: readonly SlimNode[],
): GpuSharing {
  const pods = Array.isArray(podsOrSpec)
    ? (podsOrSpec as readonly SlimPod[])
    : undefined;
  const specs = pods ? pods.map(p => p.spec) : [podsOrSpec as SlimPodSpec];
  const request = specs
    .map(s => gpuRequestsOf(s)[0])
    .find(r => r !== undefined);
  const spec = (pods?.find(p => gpuRequestsOf(p.spec).length > 0)?.spec ??
    specs[0]) as SlimPodSpec | undefined;

  const scheduledNames = new Set(
    pods?.map(p => p.nodeName).filter((n): n is string => !!n) ?? [],
  );
  let relevant: SlimNode[];
  if (scheduledNames.size > 0) {
    relevant = nodes.filter(n => scheduledNames.has(n.meta.name));
  } else if (spec) {
    relevant = nodes.filter(n => nodeMatches(n, spec, request));
  } else {
    relevant = [];
  }
  const nodeViews = relevant.map(gpuNodeView);
  const specSpot = spec ? podSpecSpotLabel(spec) !== undefined : false;
  const spot =
    scheduledNames.size > 0
      ? nodeViews.some(n => n.spot)
      : specSpot || (nodeViews.length > 0 && nodeViews.every(n => n.spot));

  if (!request) {
    return {
      mode: 'none',
      perPod: 0,
      memoryIsolation: true,
      spot,
      nodes: nodeViews,
    };
  }
  const classifications =
    relevant.length > 0
      ? relevant.map(n => classify(request, n.meta.labels))
      : [classify(request, spec ? selectorLabels(spec) : {})];
  const chosen = mostCommon(classifications, c => c.mode)!;
  const sameMode = classifications.filter(c => c.mode === chosen.mode);
  const replicas = sameMode.reduce<number | undefined>(
    (max, c) =>
      c.replicas !== undefined && (max === undefined || c.replicas > max)
        ? c.replicas
        : max,
    undefined,
  );
  const sharing: GpuSharing = {
    mode: chosen.mode,
    resourceName: request.resourceName,
    perPod: request.count,
    memoryIsolation: sameMode.every(c => c.memoryIsolation),
    spot,
    nodes: nodeViews,
  };
  if (replicas !== undefined) sharing.replicas = replicas;
  const migProfile = sameMode.find(c => c.migProfile)?.migProfile;
  if (migProfile) sharing.migProfile = migProfile;
  if (chosen.migStrategy) sharing.migStrategy = chosen.migStrategy;
  return sharing;
}
