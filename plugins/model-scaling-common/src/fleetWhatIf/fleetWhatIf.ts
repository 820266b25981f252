import {
  applyPresetChange,
  changedPresetFields,
  replayedFields,
} from './applyPresetChange';
import { dayOf, serviceDay } from './serviceDay';
import type {
  DayFigures,
  FleetWhatIfResult,
  FleetWhatIfService,
  FleetWhatIfServiceResult,
  PresetChange,
} from './types';

/** Options of {@link fleetWhatIf}. */
export interface FleetWhatIfOptions {
  /** Called after every chunk with the services done so far. */
  onProgress?(done: number, total: number): void;
  /** Stops the run between chunks; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Milliseconds of work between two yields to the event loop (default 10). */
  sliceMs?: number;
  /** A service's day under today's preset when already known (a cache of earlier runs). */
  baselineOf?(service: FleetWhatIfService): DayFigures | undefined;
}

/** What every service of one run shares: the changed fields, computed once. */
export interface PreparedChange {
  change: PresetChange;
  changedFields: string[];
  replayed: string[];
  notReplayed: string[];
}

/** The changed fields of a preset change, split into those the replay shows and those it cannot. */
export function prepareChange(change: PresetChange): PreparedChange {
  const changedFields = changedPresetFields(change.before, change.after);
  return { change, changedFields, ...replayedFields(changedFields) };
}

function breaks(before: DayFigures, after: DayFigures): boolean {
  return (
    after.sloMinutesMissed > before.sloMinutesMissed ||
    after.unservedRequests > before.unservedRequests + 0.5
  );
}

/**
 * One service's day under today's preset and under the changed one. When no
 * changed field reaches the replay, the day is replayed once.
 */
export function whatIfService(
  service: FleetWhatIfService,
  prepared: PreparedChange,
  baseline?: DayFigures,
): FleetWhatIfServiceResult {
  const head = {
    entityRef: service.entityRef,
    ...(service.title && { title: service.title }),
  };
  const day = dayOf(service);
  if ('problem' in day)
    return {
      ...head,
      source: 'synthetic',
      breaks: false,
      problem: day.problem,
    };
  try {
    const before = baseline ?? serviceDay(service.target, day.traffic);
    const after =
      prepared.replayed.length === 0
        ? before
        : serviceDay(
            applyPresetChange(
              service.target,
              prepared.change,
              prepared.replayed,
            ),
            day.traffic,
          );
    return {
      ...head,
      source: day.source,
      before,
      after,
      breaks: breaks(before, after),
    };
  } catch (error) {
    return {
      ...head,
      source: day.source,
      breaks: false,
      problem: (error as Error).message,
    };
  }
}

function zero(): DayFigures {
  return {
    replicaHours: 0,
    gpuHours: 0,
    sloMinutesMissed: 0,
    unservedRequests: 0,
    totalRequests: 0,
  };
}

function add(into: DayFigures, f: DayFigures): void {
  into.replicaHours += f.replicaHours;
  into.gpuHours += f.gpuHours;
  into.sloMinutesMissed += f.sloMinutesMissed;
  into.unservedRequests += f.unservedRequests;
  into.totalRequests += f.totalRequests;
}

/**
 * Totals and order of per-service results (also when they were computed in
 * slices elsewhere): services the change breaks first, then by the largest
 * change of replica-hours, then by entity ref; services that could not be
 * replayed last.
 */
export function summarizeFleetWhatIf(
  prepared: PreparedChange,
  results: FleetWhatIfServiceResult[],
): FleetWhatIfResult {
  const before = zero();
  const after = zero();
  let replayed = 0;
  let breaking = 0;
  let failed = 0;
  for (const r of results) {
    if (r.before && r.after) {
      replayed++;
      add(before, r.before);
      add(after, r.after);
      if (r.breaks) breaking++;
    } else failed++;
  }
  const delta = (r: FleetWhatIfServiceResult) =>
    r.before && r.after
      ? Math.abs(r.after.replicaHours - r.before.replicaHours)
      : -1;
  const rank = (r: FleetWhatIfServiceResult) => {
    if (r.breaks) return 0;
    return r.before ? 1 : 2;
  };
  const services = [...results].sort(
    (x, y) =>
      rank(x) - rank(y) ||
      delta(y) - delta(x) ||
      x.entityRef.localeCompare(y.entityRef),
  );
  return {
    pattern: prepared.change.pattern,
    changedFields: prepared.changedFields,
    notReplayed: prepared.notReplayed,
    totals: {
      services: results.length,
      replayed,
      breaking,
      failed,
      before,
      after,
    },
    services,
  };
}

const now = () =>
  typeof performance !== 'undefined' ? performance.now() : Date.now();

const yieldToEventLoop = () =>
  new Promise<void>(resolve => setTimeout(resolve, 0));

function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted)
    throw signal.reason ?? new Error('The fleet what-if was cancelled');
}

/**
 * The per-service results of a preset change for `services`, computed in
 * slices of about `sliceMs` that yield to the event loop in between, so
 * progress is reported and a server stays responsive. Services of another
 * pattern are left out.
 */
export async function fleetWhatIfResults(
  services: FleetWhatIfService[],
  prepared: PreparedChange,
  options: FleetWhatIfOptions = {},
): Promise<FleetWhatIfServiceResult[]> {
  const todo = services.filter(s => s.pattern === prepared.change.pattern);
  const sliceMs = options.sliceMs ?? 10;
  const out: FleetWhatIfServiceResult[] = [];
  options.onProgress?.(0, todo.length);
  let i = 0;
  while (i < todo.length) {
    checkAborted(options.signal);
    const start = now();
    do {
      const s = todo[i++];
      out.push(whatIfService(s, prepared, options.baselineOf?.(s)));
    } while (i < todo.length && now() - start < sliceMs);
    options.onProgress?.(i, todo.length);
    if (i < todo.length) await yieldToEventLoop();
  }
  return out;
}

/**
 * A fleet what-if: every service whose pattern the changed preset applies
 * to, over one day of its load (its recorded traffic when given, else the
 * synthetic day of its pattern's load shape at its peak), with today's
 * preset and with the changed one: replica-hours and GPU-hours before →
 * after, SLO minutes missed and unserved requests, per service and in
 * total; services the change would break first.
 */
export async function fleetWhatIf(
  services: FleetWhatIfService[],
  change: PresetChange,
  options: FleetWhatIfOptions = {},
): Promise<FleetWhatIfResult> {
  const prepared = prepareChange(change);
  const results = await fleetWhatIfResults(services, prepared, options);
  return summarizeFleetWhatIf(prepared, results);
}
