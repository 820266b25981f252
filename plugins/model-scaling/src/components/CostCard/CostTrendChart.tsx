import { useTheme } from '@material-ui/core';
import { GpuHoursBucket } from '@internal/plugin-model-scaling-common';
import { Area, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, timeXAxis, yAxisUnit } from '../shared/ChartFrame';

/** Props of {@link CostTrendChart}. */
export interface CostTrendChartProps {
  /** Buckets of the replay, `t` in seconds from `startMs`. */
  buckets: GpuHoursBucket[];
  startMs: number;
  /** Accessible name of the chart. */
  label: string;
}

const dayTick = (ms: number) => {
  const d = new Date(ms);
  return `${d.toISOString().slice(5, 10)} ${String(d.getUTCHours()).padStart(
    2,
    '0',
  )}:00`;
};

/** GPU-hours held against GPU-hours the load needed, per hour of the replay. */
export function CostTrendChart(props: CostTrendChartProps) {
  const { buckets, startMs, label } = props;
  const theme = useTheme();
  const data = buckets.map(b => ({
    at: startMs + b.t * 1000,
    used: Math.round(b.used * 1000) / 1000,
    needed: Math.round(b.needed * 1000) / 1000,
  }));
  return (
    <ChartFrame
      title="GPU-hours used against needed, per hour (UTC)"
      label={label}
      height={220}
      data={data}
    >
      <XAxis {...timeXAxis('at')} tickFormatter={dayTick} minTickGap={40} />
      <YAxis width={48} label={yAxisUnit('GPU-h', theme)} />
      <Tooltip labelFormatter={(ms: number) => dayTick(ms)} />
      <Area
        type="stepAfter"
        dataKey="used"
        name="used (held)"
        stroke={theme.palette.primary.main}
        fill={theme.palette.primary.main}
        fillOpacity={0.25}
        isAnimationActive={false}
      />
      <Line
        type="stepAfter"
        dataKey="needed"
        name="needed by the load"
        stroke={theme.palette.secondary.main}
        dot={false}
        isAnimationActive={false}
      />
    </ChartFrame>
  );
}
