import { Typography, useTheme } from '@material-ui/core';
import { RescaleEventView } from '@internal/plugin-model-scaling-common';
import { Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, timeXAxis } from '../shared/ChartFrame';
import { formatClock } from '../shared/format';
import { replicaTimeline } from './replicaTimeline';

/** Props of {@link ReplicaTimelineChart}. */
export interface ReplicaTimelineChartProps {
  events: RescaleEventView[];
  /** Where the series ends (the document's `generatedAt`). */
  until: string;
  current: number;
  min?: number;
  max?: number;
}

/** Replicas over time from the autoscaler's rescale events, as a step line. */
export function ReplicaTimelineChart(props: ReplicaTimelineChartProps) {
  const { events, until, current, min, max } = props;
  const theme = useTheme();
  const data = replicaTimeline(events, { until, current });
  if (data.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No rescale events in the cluster's event history.
      </Typography>
    );
  }
  return (
    <ChartFrame
      label={`Replica timeline with ${data.length} steps`}
      height={200}
      data={data}
      marginRight={16}
      legend={false}
    >
      <XAxis {...timeXAxis('t')} tickFormatter={formatClock} />
      <YAxis allowDecimals={false} width={32} domain={[0, 'auto']} />
      <Tooltip
        labelFormatter={value => `${formatClock(Number(value))} UTC`}
        formatter={(value: number) => [value, 'replicas']}
      />
      {min !== undefined && (
        <ReferenceLine
          y={min}
          stroke={theme.palette.text.secondary}
          strokeDasharray="4 4"
          label="min"
        />
      )}
      {max !== undefined && (
        <ReferenceLine
          y={max}
          stroke={theme.palette.error.main}
          strokeDasharray="4 4"
          label="max"
        />
      )}
      <Line
        type="stepAfter"
        dataKey="replicas"
        stroke={theme.palette.primary.main}
        strokeWidth={2}
        isAnimationActive={false}
        dot
      />
    </ChartFrame>
  );
}
