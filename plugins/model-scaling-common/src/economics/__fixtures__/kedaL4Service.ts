import type { SimulatorKedaSpec } from '../../simulator/types';
import type { ReplayTarget, TrafficSeries } from '../types';

/**
 * KEDA ScaledObject on a Prometheus request-rate query: the HPA KEDA creates
 * reads the total rate as an External AverageValue metric with a target of
 * 10 req/s per pod; min 1, max 10; scale-down stabilisation window 60 s;
 * scale-up defaults (no window; +100 % or +4 pods per 15 s, the larger).
 * A pod serves 15 req/s, becomes Ready 30 s after it is created, holds one
 * whole L4.
 */
export const kedaL4Target: ReplayTarget & { autoscaler: SimulatorKedaSpec } = {
  autoscaler: {
    kind: 'ScaledObject',
    minReplicaCount: 1,
    maxReplicaCount: 10,
    hpaBehavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
    triggers: [
      {
        type: 'prometheus',
        metadata: { threshold: '10', query: 'sum(rate(requests_total[1m]))' },
      },
    ],
  },
  capacity: { maxRpsPerPod: 15 },
  coldStartSeconds: 30,
  placement: {
    product: 'NVIDIA-L4',
    gpusPerPod: 1,
    sharing: 'exclusive',
    capacity: 'on-demand',
  },
};

/** {@link kedaL4Target} with a service time and a 60 ms latency SLO, so saturated and slow syncs miss it. */
export const kedaL4SloTarget: ReplayTarget = {
  ...kedaL4Target,
  capacity: { maxRpsPerPod: 15, serviceTimeMs: 40 },
  latencySloMs: 60,
};

/** Seven one-minute steps: 5 req/s, 25 for two minutes, then 8. */
export const sevenMinutes: TrafficSeries = {
  startMs: Date.UTC(2026, 11, 1, 12, 0, 0),
  stepSeconds: 60,
  values: [5, 25, 25, 8, 8, 8, 8],
};
