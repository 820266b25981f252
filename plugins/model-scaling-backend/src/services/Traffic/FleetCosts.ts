import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  capacityRecommendationsFor,
  CostSettings,
  EntityScalingStatus,
  FleetCostRow,
  GpuHoursBucket,
  replay,
  ReplayResult,
  replayTargetForWorkload,
  SavingsResult,
  savingsFor,
} from '@internal/plugin-model-scaling-common';
import { TrafficService } from './TrafficService';
import { cachedPromise } from '../cachedPromise';

/** The window the fleet's costs are replayed over. */
export const FLEET_COST_WINDOW_SECONDS = 86400;

/** One service's row and its hourly buckets, before the caller's permissions filter the fleet. */
export interface FleetCostEntry {
  row: FleetCostRow;
  buckets: GpuHoursBucket[];
}

/**
 * GPU-hours, idle share, cost and the best saving of every model service,
 * from a replay of each workload's last 24 h of traffic
 * (`replayTargetForWorkload` + `replay` + `savingsFor` of the common
 * package). Computed for the whole fleet at most once per `cacheSeconds`
 * (a replay of a day per service is milliseconds, but a fleet of thousands
 * is not); the route filters the rows by the caller's permissions.
 */
export class FleetCosts {
  readonly #entries: () => Promise<Map<string, FleetCostEntry>>;

  constructor(
    private readonly o: {
      entities: { entities(): Entity[] };
      status: {
        entityStatus(
          entity: Entity,
          view: { clusterDetails: boolean },
        ): Promise<EntityScalingStatus> | EntityScalingStatus;
      };
      traffic: TrafficService;
      costs: CostSettings;
      cacheSeconds?: number;
      now?: () => Date;
    },
  ) {
    const now = o.now ?? (() => new Date());
    this.#entries = cachedPromise(
      () => this.#compute(),
      (o.cacheSeconds ?? 300) * 1000,
      () => now().getTime(),
    );
  }

  /** Every service's entry by entity ref, at most `cacheSeconds` old. */
  entries(): Promise<Map<string, FleetCostEntry>> {
    return this.#entries();
  }

  async #compute(): Promise<Map<string, FleetCostEntry>> {
    const out = new Map<string, FleetCostEntry>();
    for (const entity of this.o.entities.entities()) {
      const entry = await this.#service(entity);
      out.set(entry.row.entityRef, entry);
    }
    return out;
  }

  async #service(entity: Entity): Promise<FleetCostEntry> {
    const status = await this.o.status.entityStatus(entity, {
      clusterDetails: false,
    });
    const row: FleetCostRow = {
      entityRef: stringifyEntityRef(entity),
      name: entity.metadata.name,
      ...(entity.metadata.title && { title: entity.metadata.title }),
      ...(status.pattern && { pattern: status.pattern }),
      problems: [],
    };
    const buckets: GpuHoursBucket[] = [];
    if (status.workloads.length === 0) {
      row.problems.push('no workload found in any cluster');
      return { row, buckets };
    }
    const baselines: ReplayResult[] = [];
    let best: SavingsResult | undefined;
    for (const w of status.workloads) {
      const name = `${w.namespace}/${w.name}`;
      const target = replayTargetForWorkload(w, {
        pattern: status.pattern,
        latencySloMs: status.latencySloMs,
      });
      if ('problem' in target) {
        row.problems.push(`${name}: ${target.problem}`);
        continue;
      }
      const traffic = await this.o.traffic.traffic({
        pattern: status.pattern,
        workloads: [w],
        rangeSeconds: FLEET_COST_WINDOW_SECONDS,
      });
      if (!traffic.series) {
        row.problems.push(
          `${name}: ${traffic.problems
            .filter(p => p.severity === 'error')
            .map(p => p.message)
            .join('; ')}`,
        );
        continue;
      }
      let baseline: ReplayResult;
      try {
        baseline = replay({
          target: target.target,
          traffic: traffic.series,
          settings: this.o.costs,
        });
      } catch (error) {
        row.problems.push(`${name}: ${(error as Error).message}`);
        continue;
      }
      baselines.push(baseline);
      baseline.buckets.forEach((b, i) => {
        buckets[i] ??= { t: b.t, used: 0, needed: 0 };
        buckets[i].used += b.used;
        buckets[i].needed += b.needed;
      });
      if ('problem' in baseline.cost) {
        row.problems.push(`${name}: ${baseline.cost.problem}`);
      }
      for (const recommendation of capacityRecommendationsFor(target.target, {
        pattern: status.pattern,
      })) {
        let saving: SavingsResult;
        try {
          saving = savingsFor({
            target: target.target,
            traffic: traffic.series,
            settings: this.o.costs,
            recommendation,
            baseline,
          });
        } catch {
          continue;
        }
        if (
          saving.verdict === 'saves' &&
          saving.gpuHoursSavedPerDay > (best?.gpuHoursSavedPerDay ?? 0)
        ) {
          best = saving;
        }
      }
    }
    if (baselines.length > 0) {
      row.gpuHours = sum(baselines.map(b => b.gpuHours));
      row.gpuHoursNeeded = sum(baselines.map(b => b.gpuHoursNeeded));
      if (row.gpuHours > 0) {
        row.idleShare = Math.max(0, 1 - row.gpuHoursNeeded / row.gpuHours);
      }
      if (baselines.every(b => 'amount' in b.cost)) {
        row.cost = sum(
          baselines.map(b => ('amount' in b.cost ? b.cost.amount : 0)),
        );
      }
    }
    if (best) {
      row.topSaving = {
        title: best.recommendation.title,
        gpuHoursSavedPerDay: best.gpuHoursSavedPerDay,
        explanation: best.explanation,
        verdict: best.verdict,
        ...('amount' in best.costSavedPerDay && {
          costSavedPerDay: best.costSavedPerDay.amount,
        }),
      };
    }
    return { row, buckets };
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
