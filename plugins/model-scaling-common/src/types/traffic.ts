import type {
  GpuHoursBucket,
  SavingsResult,
  TrafficProblem,
  TrafficSeries,
} from '../economics/types';

/** Where a service's recorded traffic comes from. */
export type TrafficSource = 'prometheus' | 'recorded';

/** `GET /v1/entities/:namespace/:kind/:name/traffic?range=`: a service's request rate, or why there is none. */
export interface TrafficResponse {
  entityRef: string;
  /** The range asked, e.g. `24h`. */
  range: string;
  rangeSeconds: number;
  /** Absent when no step has a value: nothing to replay, no number to show. */
  series?: TrafficSeries;
  source?: TrafficSource;
  /** The PromQL run (first workload), when Prometheus was asked. */
  query?: string;
  problems: TrafficProblem[];
}

/** One service's GPU economics over the fleet window (the last 24 h). */
export interface FleetCostRow {
  entityRef: string;
  name: string;
  title?: string;
  pattern?: string;
  gpuHours?: number;
  gpuHoursNeeded?: number;
  /** Share of held GPU-hours the load did not need, 0–1. */
  idleShare?: number;
  /** Cost of the window in `currency`; absent when a price is missing (see `problems`). */
  cost?: number;
  /** The change that saves most while keeping the SLO. */
  topSaving?: Pick<
    SavingsResult,
    'gpuHoursSavedPerDay' | 'explanation' | 'verdict'
  > & { title: string; costSavedPerDay?: number };
  /** Why a figure is missing (no traffic, no price, no GPU). */
  problems: string[];
}

/** `GET /v1/fleet/costs`: GPU-hours, idle share and top savings across the services the caller may read. */
export interface FleetCostsResponse {
  generatedAt: string;
  enabled: boolean;
  currency: string;
  windowSeconds: number;
  totals: {
    gpuHours: number;
    gpuHoursNeeded: number;
    /** Each service's idle GPU-hours (held beyond its need), summed, over all held. */
    idleShare?: number;
    /** Absent when any priced service lacks a price. */
    cost?: number;
    gpuHoursSavedPerDay: number;
    /** Services with figures / all services. */
    servicesWithFigures: number;
    services: number;
  };
  services: FleetCostRow[];
  /** Hourly GPU-hours used against needed, summed over the fleet. */
  buckets?: GpuHoursBucket[];
}
