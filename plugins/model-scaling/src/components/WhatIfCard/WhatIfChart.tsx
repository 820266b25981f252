import { Typography, useTheme } from '@material-ui/core';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { WhatIfChartPoint } from './simulationSummary';

/** Props of {@link WhatIfChart}. */
export interface WhatIfChartProps {
  points: WhatIfChartPoint[];
  loadUnit: string;
  sloMs?: number;
}

const hourTick = (hour: number) =>
  `${String(Math.floor(hour)).padStart(2, '0')}:00`;

/** A simulated day: load with desired and ready replicas, then latency against the SLO. */
export function WhatIfChart(props: WhatIfChartProps) {
  const { points, loadUnit, sloMs } = props;
  const theme = useTheme();
  const ticks = [0, 3, 6, 9, 12, 15, 18, 21, 24];
  const hasLatency = points.some(p => p.latencyMs !== null);
  return (
    <>
      <div role="img" aria-label="Simulated replicas and load over a day">
        <ResponsiveContainer width="100%" height={240}>
          <ComposedChart
            data={points}
            margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="hour"
              type="number"
              domain={[0, 24]}
              ticks={ticks}
              tickFormatter={hourTick}
            />
            <YAxis yAxisId="replicas" allowDecimals={false} width={36} />
            <YAxis yAxisId="load" orientation="right" width={56} />
            <Tooltip
              labelFormatter={value =>
                `${hourTick(Number(value))} + ${Math.round(
                  (Number(value) % 1) * 60,
                )} min`
              }
            />
            <Legend />
            <Area
              yAxisId="load"
              type="monotone"
              dataKey="load"
              name={`load (${loadUnit})`}
              stroke={theme.palette.grey[500]}
              fill={theme.palette.grey[300]}
              isAnimationActive={false}
            />
            <Line
              yAxisId="replicas"
              type="stepAfter"
              dataKey="desired"
              name="desired replicas"
              stroke={theme.palette.primary.main}
              dot={false}
              strokeWidth={2}
              isAnimationActive={false}
            />
            <Line
              yAxisId="replicas"
              type="stepAfter"
              dataKey="ready"
              name="ready replicas"
              stroke={theme.palette.success.main}
              dot={false}
              strokeDasharray="4 2"
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      {hasLatency ? (
        <div role="img" aria-label="Simulated latency over a day">
          <ResponsiveContainer width="100%" height={160}>
            <LineChart
              data={points}
              margin={{ top: 8, right: 64, bottom: 0, left: 0 }}
            >
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis
                dataKey="hour"
                type="number"
                domain={[0, 24]}
                ticks={ticks}
                tickFormatter={hourTick}
              />
              <YAxis width={36} unit=" ms" />
              <Tooltip
                formatter={(value: number) => [`${value} ms`, 'latency']}
              />
              {sloMs !== undefined && (
                <ReferenceLine
                  y={sloMs}
                  stroke={theme.palette.error.main}
                  strokeDasharray="4 4"
                  label="SLO"
                />
              )}
              <Line
                type="monotone"
                dataKey="latencyMs"
                name="latency"
                stroke={theme.palette.warning.main}
                dot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      ) : (
        <Typography variant="body2" color="textSecondary">
          No latency estimate: the pods were saturated whenever there was load.
        </Typography>
      )}
    </>
  );
}
