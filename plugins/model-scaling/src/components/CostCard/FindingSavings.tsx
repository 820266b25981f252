import { Typography } from '@material-ui/core';
import {
  capacityRecommendationsFor,
  CostSettings,
  EntityScalingStatus,
  Finding,
  replay,
  ReplayResult,
  ReplayTarget,
  replayTargetForWorkload,
  savingsFor,
  TrafficSeries,
} from '@internal/plugin-model-scaling-common';
import { createContext, ReactNode, useContext, useMemo } from 'react';
import { formatCostAmount } from './formatCost';
import { useServiceTraffic } from './useServiceTraffic';

interface SavingsContext {
  status: EntityScalingStatus;
  replay?: {
    target: ReplayTarget;
    traffic: TrafficSeries;
    settings: CostSettings;
    baseline: ReplayResult;
  };
}

/** The capacity change each finding's fix makes (see `capacityRecommendationsFor`). */
const FINDING_CHANGES: Record<string, string> = {
  'default-scale-down-window': 'scale-down-window',
  'batching-saving': 'batching',
};

const Context = createContext<SavingsContext | undefined>(undefined);

/**
 * Reads the service's last 24 h of traffic once and replays it through its
 * first GPU workload, so each finding that changes capacity can show what
 * its fix saves ({@link FindingSaving}). Nothing when costs are off.
 */
export function FindingSavingsProvider(props: {
  status: EntityScalingStatus;
  children: ReactNode;
}) {
  const { status } = props;
  const data = useServiceTraffic(status.entityRef, '24h');
  const value = useMemo<SavingsContext>(() => {
    const series = data.traffic?.series;
    if (!data.settings?.enabled || !series) return { status };
    for (const w of status.workloads) {
      const t = replayTargetForWorkload(w, {
        pattern: status.pattern,
        latencySloMs: status.latencySloMs,
      });
      if (!('target' in t)) continue;
      try {
        const baseline = replay({
          target: t.target,
          traffic: series,
          settings: data.settings,
        });
        return {
          status,
          replay: {
            target: t.target,
            traffic: series,
            settings: data.settings,
            baseline,
          },
        };
      } catch {
        return { status };
      }
    }
    return { status };
  }, [status, data.settings, data.traffic]);
  return <Context.Provider value={value}>{props.children}</Context.Provider>;
}

/**
 * What a finding's fix saves, replayed on the service's own last 24 h: GPU-
 * hours and cost a day, or that it would miss the SLO (never shown as a
 * saving). Nothing for a finding that does not change capacity.
 */
export function FindingSaving(props: { finding: Finding }) {
  const context = useContext(Context);
  const r = context?.replay;
  const saving = useMemo(() => {
    if (!r || !context) return undefined;
    const recommendation = capacityRecommendationsFor(r.target, {
      pattern: context.status.pattern,
    }).find(
      rec =>
        rec.findingId === props.finding.id ||
        rec.id === FINDING_CHANGES[props.finding.id],
    );
    if (!recommendation) return undefined;
    try {
      return savingsFor({
        target: r.target,
        traffic: r.traffic,
        settings: r.settings,
        recommendation,
        baseline: r.baseline,
      });
    } catch (error) {
      return { error: (error as Error).message };
    }
  }, [r, context, props.finding.id]);
  if (!saving) return null;
  if ('error' in saving) {
    return (
      <Typography variant="body2" color="textSecondary">
        Saving not replayed: {saving.error}
      </Typography>
    );
  }
  const labels: Record<string, string> = {
    saves: `Saves ${saving.gpuHoursSavedPerDay.toFixed(
      2,
    )} GPU-h a day (${formatCostAmount(
      saving.costSavedPerDay,
    )} a day) with the SLO kept`,
    'breaks-slo': 'Not a saving: it would miss the SLO',
  };
  const label = labels[saving.verdict] ?? 'No saving on this traffic';
  return (
    <Typography variant="body2" data-testid="finding-saving">
      <strong>Replayed on the last 24 h: </strong>
      {label}. {saving.explanation}
    </Typography>
  );
}
