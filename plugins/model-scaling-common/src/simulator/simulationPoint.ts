import type { SimulationPoint } from './types';

/** A point with every field present (optional ones `undefined`), to be filled in place. */
export function blankSimulationPoint(): SimulationPoint {
  return {
    t: 0,
    load: 0,
    desiredReplicas: 0,
    readyReplicas: 0,
    unservedRps: 0,
    perPodLoad: undefined,
    backlog: undefined,
    latencyMs: undefined,
  };
}

/** Copies every field of `from` into `into` (a missing optional one becomes `undefined`). */
export function copySimulationPoint(
  into: SimulationPoint,
  from: Readonly<SimulationPoint>,
): void {
  into.t = from.t;
  into.load = from.load;
  into.desiredReplicas = from.desiredReplicas;
  into.readyReplicas = from.readyReplicas;
  into.unservedRps = from.unservedRps;
  into.perPodLoad = from.perPodLoad;
  into.backlog = from.backlog;
  into.latencyMs = from.latencyMs;
}
