import { gpuEquivalentPerPod } from '../economics/gpuShare';
import { podSeconds } from '../economics/gpuHours';
import { ReplayCounter } from '../economics/replayCounter';
import { recordedRange, runReplay } from '../economics/replayTimeline';
import type { ReplayTarget, TrafficSeries } from '../economics/types';
import { DAY_SECONDS, LoadShape, loadCurve } from '../whatif/loadShapes';
import { loadAt } from '../simulator/loadCurve';
import type {
  DayFigures,
  FleetWhatIfService,
  FleetWhatIfTarget,
} from './types';

/**
 * Step of the synthetic day, seconds: the resolution of the load shapes
 * (`loadCurve` has a point every 300 s); the autoscaler still syncs every 15 s.
 * Finer steps only add load points, and the simulator's cost grows with them.
 */
export const SYNTHETIC_STEP_SECONDS = 300;

/** A day of the shape at the peak, as traffic steps (each step the load at its middle). */
export function syntheticDay(
  shape: LoadShape,
  peakRps: number,
  stepSeconds: number = SYNTHETIC_STEP_SECONDS,
): TrafficSeries {
  const points = loadCurve(shape, peakRps);
  const values: number[] = [];
  for (let t = 0; t < DAY_SECONDS; t += stepSeconds)
    values.push(loadAt(points, t + stepSeconds / 2));
  return { startMs: 0, stepSeconds, values };
}

/** The day a service is replayed over: the last 24 h of its recorded traffic, or its synthetic day. */
export function dayOf(
  service: FleetWhatIfService,
):
  | { traffic: TrafficSeries; source: 'recorded' | 'synthetic' }
  | { problem: string } {
  if (service.traffic) {
    const range = recordedRange(service.traffic);
    const recorded = range.values.filter(v => v !== null).length;
    if (recorded === 0) return { problem: 'traffic: no recorded step' };
    const steps = Math.ceil(DAY_SECONDS / range.stepSeconds);
    const values = range.values.slice(-steps);
    const dropped = range.values.length - values.length;
    return {
      source: 'recorded',
      traffic: {
        startMs: range.startMs + dropped * range.stepSeconds * 1000,
        stepSeconds: range.stepSeconds,
        values,
      },
    };
  }
  if (service.peakRps === undefined || !(service.peakRps >= 0))
    return {
      problem: 'peakRps: needed (≥ 0) when there is no recorded traffic',
    };
  const shape =
    service.shape ?? (service.pattern === 'bursty' ? 'bursty' : 'diurnal');
  return { source: 'synthetic', traffic: syntheticDay(shape, service.peakRps) };
}

/**
 * One day of a service through the autoscaler simulator (`runReplay` of the
 * economics replay: the real HPA algorithm and KEDA on top), reduced to
 * replica-hours, GPU-hours, SLO minutes missed and unserved requests the
 * same way `replay` counts them (`ReplayCounter`). The syncs are counted as
 * the simulator makes them, not kept: a day costs no memory per sync.
 */
export function serviceDay(
  target: FleetWhatIfTarget,
  traffic: TrafficSeries,
): DayFigures {
  const duration = traffic.values.length * traffic.stepSeconds;
  const counter = new ReplayCounter(duration, target);
  // runReplay reads the autoscaler, capacity, cold start and initial replicas, not the placement.
  const { timeline } = runReplay(
    target as ReplayTarget,
    traffic,
    undefined,
    p => counter.add(p),
  );
  const counts = counter.finish();
  const replicaHours = podSeconds(timeline) / 3600;
  let gpus = 0;
  if (target.placement) {
    const share = gpuEquivalentPerPod(target.placement);
    if (!('problem' in share)) gpus = share.gpus;
  }
  return {
    replicaHours,
    gpuHours: replicaHours * gpus,
    ...counts,
  };
}
