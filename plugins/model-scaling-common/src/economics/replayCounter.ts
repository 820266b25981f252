import {
  blankSimulationPoint,
  copySimulationPoint,
} from '../simulator/simulationPoint';
import type { SimulationPoint } from '../simulator/types';
import type { ReplayTarget } from './types';

/** What a replay's HPA syncs add up to: requests offered and unserved, and minutes that missed the SLO. */
export interface ReplayCounts {
  sloMinutesMissed: number;
  unservedRequests: number;
  totalRequests: number;
}

/**
 * Counts a replay's syncs over `durationSeconds` as they come (each sync
 * holds until the next): the requests offered and unserved, and the minutes
 * that missed the latency SLO (requests unserved, pods saturated with a
 * service time known, or latency above the SLO). `each` sees every sync with
 * the seconds it holds, one sync late (once the next one says how long).
 */
export class ReplayCounter {
  readonly #missed = new Set<number>();
  #unservedRequests = 0;
  #totalRequests = 0;
  /** The last sync added, not counted yet (a copy: the caller's object may be reused). */
  readonly #last = blankSimulationPoint();
  #hasLast = false;

  constructor(
    private readonly durationSeconds: number,
    private readonly target: Pick<ReplayTarget, 'capacity' | 'latencySloMs'>,
    private readonly each?: (point: SimulationPoint, seconds: number) => void,
  ) {}

  /** Adds the next sync (in time order). */
  add(p: Readonly<SimulationPoint>): void {
    if (this.#hasLast) this.#count(p.t);
    copySimulationPoint(this.#last, p);
    this.#hasLast = true;
  }

  /** Counts the last sync up to the end and returns the totals. */
  finish(): ReplayCounts {
    if (this.#hasLast) this.#count(this.durationSeconds);
    this.#hasLast = false;
    return {
      sloMinutesMissed: this.#missed.size,
      unservedRequests: this.#unservedRequests,
      totalRequests: this.#totalRequests,
    };
  }

  #count(next: number): void {
    const p = this.#last;
    const seconds = Math.min(next, this.durationSeconds) - p.t;
    if (seconds <= 0) return;
    const slo = this.target.latencySloMs;
    this.#totalRequests += p.load * seconds;
    this.#unservedRequests += p.unservedRps * seconds;
    const saturated =
      slo !== undefined &&
      this.target.capacity.serviceTimeMs !== undefined &&
      p.perPodLoad !== undefined &&
      p.latencyMs === undefined;
    const slow =
      slo !== undefined && p.latencyMs !== undefined && p.latencyMs > slo;
    if (p.unservedRps > 0 || saturated || slow)
      this.#missed.add(Math.floor(p.t / 60));
    this.each?.(p, seconds);
  }
}

/** {@link ReplayCounter} over a replay's kept syncs. */
export function countReplay(
  records: readonly SimulationPoint[],
  durationSeconds: number,
  target: Pick<ReplayTarget, 'capacity' | 'latencySloMs'>,
  each?: (point: SimulationPoint, seconds: number) => void,
): ReplayCounts {
  const counter = new ReplayCounter(durationSeconds, target, each);
  for (const p of records) counter.add(p);
  return counter.finish();
}
