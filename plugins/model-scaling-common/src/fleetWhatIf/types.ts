/*
 * The fleet what-if contract: every model service of one pattern replayed
 * over one day with today's golden-path preset and with a changed one.
 */
import type {
  GpuPlacement,
  ReplayTarget,
  TrafficSeries,
} from '../economics/types';
import type { PatternPresets } from '../patterns/presets';
import type { PatternId } from '../types/status';
import type { LoadShape } from '../whatif/loadShapes';

/** What one service's day is replayed with; a GPU placement only when its pods hold GPUs. */
export type FleetWhatIfTarget = Omit<ReplayTarget, 'placement'> & {
  placement?: GpuPlacement;
};

/** One model service as the fleet what-if reads it. */
export interface FleetWhatIfService {
  entityRef: string;
  title?: string;
  pattern?: PatternId;
  /** Its live autoscaler and capacity (today's preset as deployed). */
  target: FleetWhatIfTarget;
  /** Its recorded traffic; the day replayed is the last 24 h of it. */
  traffic?: TrafficSeries;
  /** Without `traffic`: the peak of the synthetic day (req/s). */
  peakRps?: number;
  /** Without `traffic`: the shape of the synthetic day (default from the pattern). */
  shape?: LoadShape;
}

/** A preset change of one pattern: the preset today and the preset proposed. */
export interface PresetChange<P extends PatternId = PatternId> {
  pattern: P;
  before: PatternPresets[P];
  after: PatternPresets[P];
}

/** One day of one service under one preset. */
export interface DayFigures {
  /** Pod-hours held (starting pods included). */
  replicaHours: number;
  /** Whole-GPU-equivalent hours; 0 for a service without GPUs. */
  gpuHours: number;
  /** Minutes in which a request was unserved or the latency estimate exceeded the SLO. */
  sloMinutesMissed: number;
  unservedRequests: number;
  totalRequests: number;
}

/** One service's result: before → after, or why it could not be replayed. */
export interface FleetWhatIfServiceResult {
  entityRef: string;
  title?: string;
  /** Where the day came from. */
  source: 'recorded' | 'synthetic';
  before?: DayFigures;
  after?: DayFigures;
  /** True when the changed preset misses the SLO in more minutes, or leaves more requests unserved. */
  breaks: boolean;
  /** Why the service was not replayed (bad traffic, no load). */
  problem?: string;
}

/** Totals of a fleet what-if. */
export interface FleetWhatIfTotals {
  /** Services of the pattern. */
  services: number;
  replayed: number;
  breaking: number;
  failed: number;
  before: DayFigures;
  after: DayFigures;
}

/** The answer of a fleet what-if. */
export interface FleetWhatIfResult {
  pattern: PatternId;
  /** Preset fields that differ, as dotted paths (`behavior.scaleDownStabilizationWindowSeconds`). */
  changedFields: string[];
  /** Changed fields the replay cannot show (images, resources, batching): listed, not silently dropped. */
  notReplayed: string[];
  totals: FleetWhatIfTotals;
  /** Services the change would break first, then by the largest change of replica-hours. */
  services: FleetWhatIfServiceResult[];
}
