import { costOf } from './costOf';
import { gpuHours, podSeconds } from './gpuHours';
import { resolveCostSettings } from './schemas';
import type { GpuPlacement, ReplicaTimeline } from './types';

/*
 * One timeline for every case: 2 pods for 30 min, 4 pods for 60 min, 1 pod for 30 min.
 * Pod-seconds = 2 × 1800 + 4 × 3600 + 1 × 1800 = 3,600 + 14,400 + 1,800 = 19,800 s = 5.5 pod-hours.
 */
const timeline: ReplicaTimeline = {
  points: [
    { t: 0, replicas: 2 },
    { t: 1800, replicas: 4 },
    { t: 5400, replicas: 1 },
  ],
  endSeconds: 7200,
};

const h100: GpuPlacement = {
  product: 'NVIDIA-H100-80GB-HBM3',
  gpusPerPod: 1,
  sharing: 'exclusive',
  capacity: 'on-demand',
};

describe('gpuHours', () => {
  it('integrates the replica timeline into pod-seconds', () => {
    expect(podSeconds(timeline)).toBe(19800);
    // A timeline that ends mid-step counts only up to its end: 2 × 1800 + 4 × 1200 = 8,400.
    expect(podSeconds({ ...timeline, endSeconds: 3000 })).toBe(8400);
  });

  it('exclusive: one whole GPU per pod → 5.5 pod-hours × 1 = 5.5 GPU-hours; two per pod → 11', () => {
    expect(gpuHours(timeline, h100)).toBeCloseTo(5.5, 10);
    expect(gpuHours(timeline, { ...h100, gpusPerPod: 2 })).toBeCloseTo(11, 10);
  });

  it('MIG 1g.10gb on an H100-80GB holds max(1/7 compute, 10/80 memory) = 1/7 → 5.5 / 7 = 0.7857 GPU-hours', () => {
    const placement: GpuPlacement = {
      ...h100,
      sharing: 'mig',
      migProfile: '1g.10gb',
    };
    expect(gpuHours(timeline, placement)).toBeCloseTo(5.5 / 7, 10);
  });

  it('MIG 3g.40gb on an H100-80GB holds max(3/7, 40/80) = 1/2 → 2.75 GPU-hours', () => {
    const placement: GpuPlacement = {
      ...h100,
      sharing: 'mig',
      migProfile: '3g.40gb',
    };
    expect(gpuHours(timeline, placement)).toBeCloseTo(2.75, 10);
  });

  it('MIG 1g.10gb on an A100-40GB holds max(1/7, 10/40) = 1/4 (only 4 fit) → 1.375 GPU-hours', () => {
    const placement: GpuPlacement = {
      ...h100,
      product: 'NVIDIA-A100-SXM4-40GB',
      sharing: 'mig',
      migProfile: '1g.10gb',
    };
    expect(gpuHours(timeline, placement)).toBeCloseTo(1.375, 10);
  });

  it('MIG products carry the slice in their GFD name (mig strategy single): NVIDIA-H100-80GB-HBM3-MIG-1g.10gb → 1/7', () => {
    const placement: GpuPlacement = {
      ...h100,
      product: 'NVIDIA-H100-80GB-HBM3-MIG-1g.10gb',
      sharing: 'mig',
      migProfile: '1g.10gb',
    };
    expect(gpuHours(timeline, placement)).toBeCloseTo(5.5 / 7, 10);
  });

  it('time-slicing with 4 replicas per GPU: each pod holds 1/4 → 5.5 / 4 = 1.375 GPU-hours', () => {
    const placement: GpuPlacement = {
      ...h100,
      sharing: 'time-slicing',
      sharedBy: 4,
    };
    expect(gpuHours(timeline, placement)).toBeCloseTo(1.375, 10);
  });

  it('MPS with 2 replicas per GPU: each pod holds 1/2 → 2.75 GPU-hours', () => {
    const placement: GpuPlacement = { ...h100, sharing: 'mps', sharedBy: 2 };
    expect(gpuHours(timeline, placement)).toBeCloseTo(2.75, 10);
  });

  it('spot holds the same GPU-hours (5.5) and costs 5.5 × the spot price (1.20) = 6.60 instead of 5.5 × 3.00 = 16.50', () => {
    const settings = resolveCostSettings({
      enabled: true,
      gpuHourPrices: { 'NVIDIA-H100-80GB-HBM3': { onDemand: 3.0, spot: 1.2 } },
    });
    const spot: GpuPlacement = { ...h100, capacity: 'spot' };
    expect(gpuHours(timeline, spot)).toBeCloseTo(5.5, 10);
    const spotCost = costOf(gpuHours(timeline, spot), spot, settings);
    const onDemandCost = costOf(gpuHours(timeline, h100), h100, settings);
    expect(spotCost).toEqual({
      amount: expect.closeTo(6.6, 10),
      currency: 'USD',
    });
    expect(onDemandCost).toEqual({
      amount: expect.closeTo(16.5, 10),
      currency: 'USD',
    });
  });

  it('throws naming the field for a MIG profile the GPU does not have, or a shared mode without replicas', () => {
    expect(() =>
      gpuHours(timeline, { ...h100, sharing: 'mig', migProfile: '1g.5gb' }),
    ).toThrow(
      /placement\.migProfile: "1g\.5gb" is not a MIG profile of H100-80GB/,
    );
    expect(() =>
      gpuHours(timeline, { ...h100, sharing: 'time-slicing' }),
    ).toThrow(/placement\.sharedBy/);
    expect(() =>
      gpuHours(timeline, {
        ...h100,
        product: 'Tesla-T4',
        sharing: 'mig',
        migProfile: '1g.10gb',
      }),
    ).toThrow(
      /placement\.product: "Tesla-T4" does not name one of the GPUs that offer 1g\.10gb/,
    );
  });
});
