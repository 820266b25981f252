import { Typography, useTheme } from '@material-ui/core';
import { GpuHoursBucket } from '@internal/plugin-model-scaling-common';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

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
    <>
      <Typography variant="subtitle2" component="h3">
        GPU-hours used against needed, per hour (UTC)
      </Typography>
      <div role="img" aria-label={label}>
        <ResponsiveContainer width="100%" height={220}>
          <ComposedChart
            data={data}
            margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="at"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={dayTick}
              minTickGap={40}
            />
            <YAxis
              width={48}
              label={{
                value: 'GPU-h',
                angle: -90,
                position: 'insideLeft',
                fill: theme.palette.text.secondary,
              }}
            />
            <Tooltip labelFormatter={(ms: number) => dayTick(ms)} />
            <Legend />
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
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </>
  );
}
