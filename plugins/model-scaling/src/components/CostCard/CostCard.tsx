import { InfoCard, Progress } from '@backstage/core-components';
import { Box, Grid, Typography, makeStyles } from '@material-ui/core';
import {
  EntityScalingStatus,
  replayTargetForWorkload,
  WorkloadStatus,
} from '@internal/plugin-model-scaling-common';
import { useMemo } from 'react';
import { formatNumber } from '../shared/format';
import { CostTrendChart } from './CostTrendChart';
import { costWindows, WindowResult } from './costWindows';
import { formatCostAmount, formatGpuHours } from './formatCost';
import { useServiceTraffic } from './useServiceTraffic';

const useStyles = makeStyles(theme => ({
  figure: {
    padding: theme.spacing(1, 0),
  },
  problems: {
    margin: theme.spacing(1, 0, 0),
    paddingLeft: theme.spacing(2),
  },
}));

/** Props of {@link CostCard}. */
export interface CostCardProps {
  workload: WorkloadStatus;
  status: EntityScalingStatus;
}

function Window(props: { title: string; window: WindowResult }) {
  const classes = useStyles();
  const { title, window } = props;
  if ('problem' in window) {
    return (
      <div className={classes.figure}>
        <Typography variant="subtitle2" component="h3">
          {title}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          No figures: {window.problem}
        </Typography>
      </div>
    );
  }
  const r = window.result;
  const idle = r.gpuHours > 0 ? 1 - r.gpuHoursNeeded / r.gpuHours : undefined;
  return (
    <div className={classes.figure} aria-label={title} role="group">
      <Typography variant="subtitle2" component="h3">
        {title}
      </Typography>
      <Typography variant="h5" component="p">
        {formatCostAmount(r.cost)}
      </Typography>
      <Typography variant="body2">
        {formatGpuHours(r.gpuHours)} held, {formatGpuHours(r.gpuHoursNeeded)}{' '}
        needed
        {idle !== undefined &&
          ` (idle ${formatNumber(Math.max(0, idle) * 100, 0)} %)`}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {r.sloMinutesMissed} SLO minutes missed,{' '}
        {formatNumber(r.unservedRequests, 0)} requests unserved
      </Typography>
    </div>
  );
}

/**
 * What the workload's GPUs cost and how much of them the load needed: the
 * service's own recorded traffic of the last 7 days (Prometheus or the
 * backend's record), replayed in the browser through the live autoscaler,
 * priced from `modelScaling.costs`. Hidden, with one line saying so, when
 * costs are off.
 */
export function CostCard(props: CostCardProps) {
  const { workload, status } = props;
  const classes = useStyles();
  const data = useServiceTraffic(status.entityRef, '7d');
  const target = useMemo(
    () =>
      replayTargetForWorkload(workload, {
        pattern: status.pattern,
        latencySloMs: status.latencySloMs,
      }),
    [workload, status.pattern, status.latencySloMs],
  );
  const series = data.traffic?.series;
  const windows = useMemo(
    () =>
      data.settings && series && 'target' in target
        ? costWindows(target.target, series, data.settings)
        : undefined,
    [data.settings, series, target],
  );

  if (!data.loading && !data.error && !data.settings) return null;
  if (data.settings && !data.settings.enabled) {
    return (
      <Typography variant="body2" color="textSecondary">
        GPU costs are off: a platform team turns them on with GPU-hour prices in{' '}
        <code>modelScaling.costs</code>.
      </Typography>
    );
  }
  const problems = data.traffic?.problems ?? [];
  return (
    <InfoCard
      title="GPU cost"
      subheader={`The last 24 h and 7 days of this service's own traffic${
        data.traffic?.source ? ` (${data.traffic.source})` : ''
      }, replayed through its autoscaler and priced per GPU-hour`}
    >
      {data.loading && <Progress />}
      {data.error && (
        <Typography color="error">
          Traffic could not be read: {data.error.message}
        </Typography>
      )}
      {'problem' in target && (
        <Typography variant="body2" color="textSecondary">
          No GPU cost for this workload: {target.problem}.
        </Typography>
      )}
      {windows && series && (
        <>
          <Grid container spacing={2}>
            <Grid item xs={12} sm={6}>
              <Window title="Last 24 hours" window={windows.today} />
            </Grid>
            <Grid item xs={12} sm={6}>
              <Window title="Last 7 days" window={windows.week} />
            </Grid>
          </Grid>
          {'result' in windows.week && (
            <Box mt={1}>
              <CostTrendChart
                buckets={windows.week.result.buckets}
                startMs={
                  series.startMs +
                  Math.max(
                    0,
                    series.values.findIndex(v => v !== null),
                  ) *
                    series.stepSeconds *
                    1000
                }
                label={`GPU-hours used against needed per hour over ${formatNumber(
                  windows.week.result.durationSeconds / 86400,
                  1,
                )} days`}
              />
            </Box>
          )}
          <Typography
            variant="caption"
            color="textSecondary"
            component="p"
            data-testid="cost-replay-ms"
          >
            Replayed {series.values.length} steps of {series.stepSeconds} s in{' '}
            {Math.round(windows.weekReplayMs ?? 0)} ms in this browser.
          </Typography>
        </>
      )}
      {problems.length > 0 && (
        <ul className={classes.problems}>
          {problems.map(p => (
            <li key={p.message}>
              <Typography variant="caption">{p.message}</Typography>
            </li>
          ))}
        </ul>
      )}
    </InfoCard>
  );
}
