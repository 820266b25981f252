import { InfoCard } from '@backstage/core-components';
import { Box, Chip, Typography, makeStyles } from '@material-ui/core';
import {
  buildSimulationInput,
  CapacityKind,
  PatternId,
  simulateAutoscaler,
  whatIfDefaults,
  WorkloadStatus,
} from '@internal/plugin-model-scaling-common';
import { ReactNode, useDeferredValue, useMemo, useState } from 'react';
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
  /** Rendered under the simulation, e.g. the batching advice of a Triton service. */
  children?: ReactNode;
}

/**
 * Edit the load (peak, shape) and the autoscaler (min/max, target,
 * scale-down window) and see a simulated day of replicas and latency,
 * computed in the browser by the common package's autoscaler simulator.
 */
export function WhatIfCard(props: WhatIfCardProps) {
  const { workload, pattern, latencySloMs, children } = props;
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
    try {
      const result = simulateAutoscaler(
        buildSimulationInput(workload, model, deferredSettings),
      );
      return {
        points: chartPoints(result.timeline, 300, latencySloMs),
        summary: summarizeSimulation(result, latencySloMs),
      };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [workload, model, deferredSettings, latencySloMs]);

  const loadUnit = model.kind === 'queue' ? 'msg/s' : 'req/s';
  return (
    <InfoCard
      title="What if"
      subheader="A simulated day with the real HPA and KEDA algorithms; change the load or the autoscaler and compare."
    >
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
