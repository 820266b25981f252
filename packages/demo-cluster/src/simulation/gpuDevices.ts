import type { KubeObject } from '../api/ObjectStore';
import type { TritonGpu } from '../triton/TritonServer';

const GiB = 1024 * 1024 * 1024;
const H200_MEMORY_BYTES = 150754820096;

function hex(seed: string, length: number): string {
  let out = '';
  let h = 0x811c9dc5;
  let i = 0;
  while (out.length < length) {
    h ^= seed.charCodeAt(i % seed.length) + i;
    h = Math.imul(h, 0x01000193) >>> 0;
    out += (h >>> 0).toString(16).padStart(8, '0');
    i++;
  }
  return out.slice(0, length);
}

/** A stable device uuid, `GPU-…` or `MIG-…`, for a device slot of a node. */
export function deviceUuid(prefix: 'GPU' | 'MIG', seed: string): string {
  const h = hex(seed, 32);
  return `${prefix}-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(
    12,
    16,
  )}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Hands out device slots per node and extended resource: whole GPUs, time-sliced shares
 * (share `i` runs on physical GPU `i mod gpu.count`, so shares see the same uuid) and MIG
 * devices of mixed-strategy nodes.
 */
export class GpuDeviceAllocator {
  private readonly used = new Map<string, Set<number>>();
  private readonly byPod = new Map<
    string,
    { key: string; slots: number[] }[]
  >();

  allocate(
    podUid: string,
    node: KubeObject,
    resource: string,
    count: number,
  ): TritonGpu[] {
    const labels = node.metadata.labels ?? {};
    const key = `${node.metadata.name}\u0000${resource}`;
    const used = this.used.get(key) ?? new Set<number>();
    this.used.set(key, used);
    const slots: number[] = [];
    for (let slot = 0; slots.length < Math.max(1, count); slot++) {
      if (!used.has(slot)) {
        used.add(slot);
        slots.push(slot);
      }
    }
    this.byPod.set(podUid, [...(this.byPod.get(podUid) ?? []), { key, slots }]);
    const gpuCount = Number(labels['nvidia.com/gpu.count'] ?? 1) || 1;
    const mig = /^nvidia\.com\/mig-(\d+)g\.(\d+)gb$/.exec(resource);
    return slots.map(slot => {
      if (mig) {
        return {
          uuid: deviceUuid('MIG', `${node.metadata.name}/${resource}/${slot}`),
          memoryTotalBytes: Number(mig[2]) * 0.93 * GiB,
          powerLimitWatts: 700,
        };
      }
      const physical = slot % gpuCount;
      return {
        uuid: deviceUuid('GPU', `${node.metadata.name}/gpu/${physical}`),
        memoryTotalBytes: H200_MEMORY_BYTES,
        powerLimitWatts: 700,
      };
    });
  }

  release(podUid: string): void {
    for (const { key, slots } of this.byPod.get(podUid) ?? []) {
      const used = this.used.get(key);
      slots.forEach(s => used?.delete(s));
    }
    this.byPod.delete(podUid);
  }
}
