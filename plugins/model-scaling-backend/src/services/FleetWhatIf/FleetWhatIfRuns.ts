import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  DayFigures,
  EntityScalingStatus,
  fleetWhatIfResults,
  FleetWhatIfResult,
  FleetWhatIfService,
  PatternPresets,
  PresetChange,
  prepareChange,
  summarizeFleetWhatIf,
} from '@internal/plugin-model-scaling-common';
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { principalKey } from '../Authorization/principalKey';
import { cachedPromise } from '../cachedPromise';
import { whatIfInputsOf } from './whatIfInputs';
import { WhatIfWorkerPool } from './WhatIfWorkerPool';

/** What a caller sees of a run. */
export interface FleetWhatIfRunView {
  id: string;
  state: 'running' | 'done' | 'failed';
  /** Services finished. */
  done: number;
  /** Services to replay (known once the inputs are read). */
  total: number;
  startedAt: string;
  finishedAt?: string;
  error?: string;
  result?: FleetWhatIfResult;
}

interface Run {
  view: FleetWhatIfRunView;
  caller: string;
  finishedMs?: number;
  controller: AbortController;
}

/** Options of {@link FleetWhatIfRuns}. */
export interface FleetWhatIfRunsOptions {
  entities: { entities(): Entity[] };
  status: {
    entityStatus(
      entity: Entity,
      view: { clusterDetails: boolean },
    ): Promise<EntityScalingStatus> | EntityScalingStatus;
  };
  authorizer: {
    filterReadable(
      credentials: BackstageCredentials,
      entities: Entity[],
    ): Promise<Entity[]>;
  };
  /** Today's presets (`modelScaling.patterns`, resolved). */
  presets: PatternPresets;
  /** Worker threads for the replays; without it they run on the event loop in slices. */
  pool?: WhatIfWorkerPool;
  logger: LoggerService;
  /** How long a finished run's result is kept (default 10 minutes). */
  keepMs?: number;
  /** Runs kept at most, running or finished (default 100); the oldest finished go first. */
  maxRuns?: number;
  /** A service's inputs from its status (default {@link whatIfInputsOf}). */
  inputsOf?(entity: Entity, status: EntityScalingStatus): FleetWhatIfService[];
  /** How long a service's inputs are reused (default 60 s). */
  inputsTtlMs?: number;
  /** Baseline days kept at most (default 20,000). */
  maxBaselines?: number;
  now?: () => number;
}

/**
 * Fleet what-if runs: one at a time per caller, over the model services the
 * caller may read, kept for ten minutes. The services' inputs are read from
 * the status service (cached for a minute) and each service's day under
 * today's preset is kept, so a second what-if on the same fleet replays only
 * the changed preset.
 */
export class FleetWhatIfRuns {
  readonly #o: FleetWhatIfRunsOptions;
  readonly #runs = new Map<string, Run>();
  readonly #now: () => number;
  /** Every model service's inputs (not yet filtered by caller), at most `inputsTtlMs` old. */
  readonly #inputsByRef: () => Promise<Map<string, FleetWhatIfService[]>>;
  readonly #baselines = new Map<string, DayFigures>();

  constructor(options: FleetWhatIfRunsOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
    this.#inputsByRef = cachedPromise(
      () => this.#readInputs(),
      options.inputsTtlMs ?? 60_000,
      this.#now,
    );
  }

  /** Starts a run of `change` over the caller's readable services; a {@link ConflictError} while the caller's last run is running. */
  start(
    credentials: BackstageCredentials,
    change: PresetChange,
  ): { id: string } {
    this.#expire();
    const caller = principalKey(credentials);
    for (const run of this.#runs.values()) {
      if (run.caller === caller && run.view.state === 'running')
        throw new ConflictError(
          `A fleet what-if of yours is still running (${run.view.id}); wait for it before starting another`,
        );
    }
    const max = this.#o.maxRuns ?? 100;
    if (this.#runs.size >= max) {
      const oldest = [...this.#runs.values()]
        .filter(r => r.finishedMs !== undefined)
        .sort((a, b) => a.finishedMs! - b.finishedMs!)[0];
      if (!oldest)
        throw new ConflictError(
          `${max} fleet what-ifs are running; try again when one has finished`,
        );
      this.#runs.delete(oldest.view.id);
    }
    const id = randomUUID();
    const run: Run = {
      caller,
      controller: new AbortController(),
      view: {
        id,
        state: 'running',
        done: 0,
        total: 0,
        startedAt: new Date(this.#now()).toISOString(),
      },
    };
    this.#runs.set(id, run);
    this.#execute(run, credentials, change)
      .then(
        result => {
          run.view = { ...run.view, state: 'done', result };
        },
        error => {
          this.#o.logger.warn('Fleet what-if failed', {
            id,
            error: String(error),
          });
          run.view = {
            ...run.view,
            state: 'failed',
            error: String(error.message ?? error),
          };
        },
      )
      .finally(() => {
        run.finishedMs = this.#now();
        run.view.finishedAt = new Date(run.finishedMs).toISOString();
      });
    return { id };
  }

  /** The caller's run; a {@link NotFoundError} for an unknown, expired or someone else's id. */
  get(credentials: BackstageCredentials, id: string): FleetWhatIfRunView {
    this.#expire();
    const run = this.#runs.get(id);
    if (!run || run.caller !== principalKey(credentials))
      throw new NotFoundError(`No fleet what-if ${id}`);
    return run.view;
  }

  /** Stops the runs. */
  close(): void {
    for (const run of this.#runs.values()) run.controller.abort();
  }

  #expire(): void {
    const keep = this.#o.keepMs ?? 600_000;
    const now = this.#now();
    for (const [id, run] of this.#runs)
      if (run.finishedMs !== undefined && now - run.finishedMs > keep)
        this.#runs.delete(id);
  }

  async #execute(
    run: Run,
    credentials: BackstageCredentials,
    change: PresetChange,
  ): Promise<FleetWhatIfResult> {
    const entities = (
      await this.#o.authorizer.filterReadable(
        credentials,
        this.#o.entities.entities(),
      )
    ).filter(e => {
      const pattern = e.metadata.annotations?.['model-scaling.io/pattern'];
      return pattern === undefined || pattern === change.pattern;
    });
    const byRef = await this.#inputsByRef();
    const services: FleetWhatIfService[] = [];
    for (const e of entities) {
      const inputs = byRef.get(refOf(e));
      if (inputs)
        services.push(...inputs.filter(s => s.pattern === change.pattern));
    }
    run.view.total = services.length;
    const prepared = prepareChange(change);
    const keys = services.map(s => baselineKey(change, s));
    const baselines = keys.map(k => this.#baselines.get(k));
    const baselineOf = new Map(services.map((s, i) => [s, baselines[i]]));
    const signal = run.controller.signal;
    const results = this.#o.pool
      ? await this.#o.pool.run(services, change, {
          baselines,
          signal,
          onProgress: n => {
            run.view.done += n;
          },
        })
      : await fleetWhatIfResults(services, prepared, {
          signal,
          baselineOf: s => baselineOf.get(s),
          onProgress: done => {
            run.view.done = done;
          },
        });
    run.view.done = services.length;
    results.forEach((r, i) => {
      if (r.before) this.#remember(keys[i], r.before);
    });
    return summarizeFleetWhatIf(prepared, results);
  }

  #remember(key: string, figures: DayFigures): void {
    const max = this.#o.maxBaselines ?? 20_000;
    this.#baselines.delete(key);
    this.#baselines.set(key, figures);
    while (this.#baselines.size > max)
      this.#baselines.delete(this.#baselines.keys().next().value!);
  }

  async #readInputs(): Promise<Map<string, FleetWhatIfService[]>> {
    const out = new Map<string, FleetWhatIfService[]>();
    let last = performance.now();
    for (const entity of this.#o.entities.entities()) {
      const status = await this.#o.status.entityStatus(entity, {
        clusterDetails: false,
      });
      out.set(
        refOf(entity),
        (this.#o.inputsOf ?? whatIfInputsOf)(entity, status),
      );
      if (performance.now() - last > 10) {
        await yieldToEventLoop();
        last = performance.now();
      }
    }
    return out;
  }
}

function refOf(entity: Entity): string {
  return stringifyEntityRef(entity);
}

/** A service's day under today's preset depends on its inputs and nothing else. */
function baselineKey(change: PresetChange, s: FleetWhatIfService): string {
  return JSON.stringify([
    change.pattern,
    s.entityRef,
    s.title,
    s.target,
    s.traffic,
    s.peakRps,
    s.shape,
  ]);
}
