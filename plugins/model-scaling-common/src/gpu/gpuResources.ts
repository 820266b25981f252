import { tryParseQuantity } from '../quantity/parseQuantity';
import type { SlimPodSpec } from '../types/status';

/** An NVIDIA extended resource a pod asks for, e.g. `nvidia.com/gpu` × 1 or `nvidia.com/mig-1g.10gb` × 1. */
export interface GpuRequest {
  resourceName: string;
  count: number;
  /** `1g.10gb` for `nvidia.com/mig-1g.10gb` (MIG mixed strategy). */
  migProfile?: string;
  /** True for `<name>.shared` resources (sharing with `renameByDefault: true`). */
  renamedShared: boolean;
  /** The GFD label prefix of the resource: the name without `.shared`. */
  labelPrefix: string;
}

const MIG_RESOURCE = /^nvidia\.com\/mig-(\d+g\.\d+gb(?:\+me)?)(\.shared)?$/;
const GPU_RESOURCE = /^nvidia\.com\/gpu(\.shared)?$/;

/** Parses an NVIDIA device-plugin resource name; `undefined` for anything else. */
export function parseGpuResourceName(
  name: string,
): Omit<GpuRequest, 'count'> | undefined {
  const mig = MIG_RESOURCE.exec(name);
  if (mig) {
    return {
      resourceName: name,
      migProfile: mig[1],
      renamedShared: mig[2] !== undefined,
      labelPrefix: `nvidia.com/mig-${mig[1]}`,
    };
  }
  const gpu = GPU_RESOURCE.exec(name);
  if (gpu) {
    return {
      resourceName: name,
      renamedShared: gpu[1] !== undefined,
      labelPrefix: 'nvidia.com/gpu',
    };
  }
  return undefined;
}

/** NVIDIA device-plugin resources all start so; anything else is skipped before the patterns. */
const NVIDIA_PREFIX = 'nvidia.com/';

/**
 * The NVIDIA resources a pod spec requests, summed over its containers.
 * Extended resources are set in `limits` (requests default to them), so limits
 * win over requests. Allocates nothing for a spec without NVIDIA resources
 * (most pods; the status of every view asks for each of its pods).
 */
export function gpuRequestsOf(spec: SlimPodSpec): GpuRequest[] {
  let totals: Map<string, number> | undefined;
  const add = (name: string, quantity: string | undefined) => {
    if (!name.startsWith(NVIDIA_PREFIX) || !parseGpuResourceName(name)) return;
    totals ??= new Map();
    totals.set(
      name,
      (totals.get(name) ?? 0) + (tryParseQuantity(quantity) ?? 0),
    );
  };
  for (const container of spec.containers) {
    const { limits, requests } = container;
    for (const name in limits) {
      if (Object.hasOwn(limits, name))
        add(name, limits[name] ?? requests[name]);
    }
    for (const name in requests) {
      if (Object.hasOwn(requests, name) && !Object.hasOwn(limits, name))
        add(name, requests[name]);
    }
  }
  if (!totals) return [];
  return [...totals.entries()]
    .filter(([, count]) => count > 0)
    .map(([name, count]) => ({ ...parseGpuResourceName(name)!, count }));
}
