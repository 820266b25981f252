import { InfoCard } from '@backstage/core-components';
import {
  Box,
  Chip,
  MenuItem,
  TextField,
  Typography,
  makeStyles,
} from '@material-ui/core';
import {
  CapacityKind,
  PatternId,
  simulateAutoscaler,
  simulationInputFromWorkload,
  whatIfDefaults,
  WorkloadStatus,
} from '@internal/plugin-model-scaling-common';
import { ReactNode, useDeferredValue, useMemo, useState } from 'react';
import { useServiceTraffic } from '../CostCard/useServiceTraffic';
import { replayLoad, WhatIfLoadSource } from './replayLoad';
import { HealthStatus } from '../shared/HealthStatus';
import { formatNumber } from '../shared/format';
import { WhatIfChart } from './WhatIfChart';
import { WhatIfForm } from './WhatIfForm';
import { chartPoints, summarizeSimulation } from './simulationSummary';
import { validateSettings } from './validateSettings';
import { AlertChip } from '../shared/AlertChip';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    margin: theme.spacing(2, 0, 1),
  },
}));

const MODEL_DESCRIPTIONS: Record<CapacityKind, string> = {
  cpu: 'CPU utilization grows with load up to the pod capacity',
  queue:
    'the trigger reads the backlog, worked off at the consume rate per ready pod',
  rate: 'the trigger reads the request rate',
};

/** Props of {@link WhatIfCard}. */
export interface WhatIfCardProps {
  workload: WorkloadStatus;
  pattern?: PatternId;
  latencySloMs?: number;
  /** The service's entity ref: offers a replay of its recorded traffic next to the shapes. */
  entityRef?: string;
  /** Rendered under the simulation, e.g. the batching advice of a Triton service. */
  children?: ReactNode;
}

/**
 * Edit the load (peak, shape) and the autoscaler (min/max, target,
 * scale-down window) and see a simulated day of replicas and latency,
 * computed in the browser by the common package's autoscaler simulator.
 */
export function WhatIfCard(props: WhatIfCardProps) {
  const { workload, pattern, latencySloMs, children, entityRef } = props;
  const [source, setSource] = useState<WhatIfLoadSource>('shape');
  const traffic = useServiceTraffic(
    entityRef ?? '',
    source === '7d' ? '7d' : '24h',
    { needsCosts: false, enabled: Boolean(entityRef) && source !== 'shape' },
  );
  const recorded = useMemo(
    () =>
      source !== 'shape' && traffic.traffic?.series
        ? replayLoad(traffic.traffic.series)
        : undefined,
    [source, traffic.traffic],
  );
  const classes = useStyles();
  const defaults = useMemo(
    () => whatIfDefaults(workload, { pattern, latencySloMs }),
    // Start over only when another workload is shown, not on every poll.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [workload.cluster, workload.namespace, workload.name],
  );
  const { model } = defaults;
  const [settings, setSettings] = useState(defaults.settings);
  const deferredSettings = useDeferredValue(settings);
  const errors = validateSettings(settings, model);
  const valid = Object.keys(errors).length === 0;

  const outcome = useMemo(() => {
    if (Object.keys(validateSettings(deferredSettings, model)).length > 0) {
      return undefined;
    }
    if (source !== 'shape' && !recorded) return undefined;
    try {
      const input = simulationInputFromWorkload(
        workload,
        deferredSettings,
        model,
      );
      const result = simulateAutoscaler(
        recorded ? { ...input, ...recorded } : input,
      );
      return {
        hours: (recorded?.durationSeconds ?? 86400) / 3600,
        points: chartPoints(
          result.timeline,
          source === '7d' ? 3600 : 300,
          latencySloMs,
        ),
        summary: summarizeSimulation(result, latencySloMs),
      };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [workload, model, deferredSettings, latencySloMs, source, recorded]);

  const loadUnit = model.kind === 'queue' ? 'msg/s' : 'req/s';
  return (
    <InfoCard
      title="What if"
      subheader="A simulated day with the real HPA and KEDA algorithms; change the load or the autoscaler and compare."
    >
      {entityRef && (
        <Box mb={2}>
          <TextField
            select
            label="Traffic"
            id="what-if-traffic"
            value={source}
            onChange={e => setSource(e.target.value as WhatIfLoadSource)}
            helperText={
              source === 'shape'
                ? 'The synthetic shape and peak below'
                : `This service's recorded traffic${
                    traffic.traffic?.source
                      ? ` (${traffic.traffic.source})`
                      : ''
                  }, replayed through the autoscaler below`
            }
          >
            <MenuItem value="shape">Synthetic shape</MenuItem>
            <MenuItem value="24h">
              Replay the last 24 h of this service
            </MenuItem>
            <MenuItem value="7d">
              Replay the last 7 days of this service
            </MenuItem>
          </TextField>
          {source !== 'shape' && traffic.loading && (
            <Typography variant="body2">
              Reading the recorded traffic…
            </Typography>
          )}
          {source !== 'shape' &&
            (traffic.traffic?.problems ?? []).map(p => (
              <Typography key={p.message} variant="caption" component="p">
                {p.message}
              </Typography>
            ))}
        </Box>
      )}
      <WhatIfForm
        settings={settings}
        model={model}
        errors={errors}
        onChange={setSettings}
      />
      {!valid && (
        <Box mt={2}>
          <HealthStatus health="warning">
            Fix the highlighted fields to run the simulation.
          </HealthStatus>
        </Box>
      )}
      {valid && outcome && 'error' in outcome && (
        <Box mt={2}>
          <HealthStatus health="error">{outcome.error}</HealthStatus>
        </Box>
      )}
      {valid && outcome && 'summary' in outcome && outcome.summary && (
        <>
          <div className={classes.summary} aria-label="Simulation summary">
            <Chip
              size="small"
              label={`max ${outcome.summary.maxReplicas} replicas`}
            />
            <Chip
              size="small"
              label={`${formatNumber(outcome.summary.podHours)} pod-hours`}
            />
            <Chip
              size="small"
              label={`${outcome.summary.scaleEvents} scale events`}
            />
            <AlertChip
              size="small"
              alert={outcome.summary.unservedRequests > 0}
              label={`${formatNumber(
                outcome.summary.unservedRequests,
                0,
              )} unserved ${
                model.kind === 'queue' ? 'messages' : 'requests'
              } (${formatNumber(
                outcome.summary.minutesUnderProvisioned,
              )} min short)`}
            />
            {outcome.summary.worstLatencyMs !== undefined && (
              <Chip
                size="small"
                label={`worst latency ${formatNumber(
                  outcome.summary.worstLatencyMs,
                )} ms`}
              />
            )}
            {outcome.summary.minutesOverSlo !== undefined && (
              <AlertChip
                size="small"
                alert={outcome.summary.minutesOverSlo > 0}
                label={`${formatNumber(
                  outcome.summary.minutesOverSlo,
                )} min over the ${latencySloMs} ms SLO`}
              />
            )}
          </div>
          <WhatIfChart
            hours={outcome.hours}
            points={outcome.points}
            loadUnit={loadUnit}
            sloMs={latencySloMs}
          />
        </>
      )}
      {children && <Box mt={2}>{children}</Box>}
      <Typography variant="caption" color="textSecondary" component="p">
        Model: {MODEL_DESCRIPTIONS[model.kind]}; latency is the service time
        stretched by per-pod utilization (M/M/1).
      </Typography>
    </InfoCard>
  );
}
