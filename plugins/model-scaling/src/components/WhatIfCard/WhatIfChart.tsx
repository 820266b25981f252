import { Typography, useTheme } from '@material-ui/core';
import { Area, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import {
  ChartFrame,
  ChartTitle,
  compactTick,
  yAxisUnit,
} from '../shared/ChartFrame';
import { WhatIfChartPoint } from './simulationSummary';

/** Props of {@link WhatIfChart}. */
export interface WhatIfChartProps {
  points: WhatIfChartPoint[];
  loadUnit: string;
  sloMs?: number;
  /** Hours on the time axis (default a day; a replay of 7 days: 168). */
  hours?: number;
}

/** Latency ticks in ms, or in s from one second on, so "800K ms" never outgrows the axis. */
export const latencyTick = (ms: number) =>
  ms >= 1000 ? `${compactTick(ms / 1000)} s` : `${compactTick(ms)} ms`;

const hourTick = (hour: number) =>
  `${String(Math.floor(hour)).padStart(2, '0')}:00`;

/** A simulated day: load with desired and ready replicas, then latency against the SLO. */
export function WhatIfChart(props: WhatIfChartProps) {
  const { points, loadUnit, sloMs } = props;
  const hours = props.hours ?? 24;
  const theme = useTheme();
  const tickStep = hours > 24 ? 24 : 3;
  const tick = hours > 24 ? (h: number) => `day ${h / 24}` : hourTick;
  const ticks = Array.from(
    { length: Math.floor(hours / tickStep) + 1 },
    (_, i) => i * tickStep,
  );
  const hasLatency = points.some(p => p.latencyMs !== null);
  const hourAxis = (
    <XAxis
      dataKey="hour"
      type="number"
      domain={[0, hours]}
      ticks={ticks}
      tickFormatter={tick}
    />
  );
  return (
    <>
      <ChartFrame
        title="Replicas and load over the simulated day"
        caption={
          <>
            Red: load the ready replicas cannot serve ({loadUnit}); its minutes
            add up to the “min short” figure above.
          </>
        }
        label="Simulated replicas and load over a day"
        height={240}
        data={points}
      >
        {hourAxis}
        <YAxis
          yAxisId="replicas"
          allowDecimals={false}
          width={44}
          label={yAxisUnit('replicas', theme)}
        />
        <YAxis
          yAxisId="load"
          orientation="right"
          width={64}
          tickFormatter={compactTick}
          label={yAxisUnit(loadUnit, theme, 'right')}
        />
        <Tooltip
          labelFormatter={value =>
            `${hourTick(Number(value))} + ${Math.round(
              (Number(value) % 1) * 60,
            )} min`
          }
        />
        <Area
          yAxisId="load"
          type="monotone"
          dataKey="load"
          name={`load (${loadUnit})`}
          stroke={theme.palette.grey[500]}
          fill={theme.palette.grey[300]}
          isAnimationActive={false}
        />
        <Area
          yAxisId="load"
          type="stepAfter"
          dataKey="unserved"
          name={`unserved load (${loadUnit})`}
          stroke={theme.palette.error.main}
          fill={theme.palette.error.light}
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
      </ChartFrame>
      <ChartTitle
        title="Latency against the SLO"
        caption={
          <>
            Red: minutes per 5 min over the SLO or saturated; they add up to the
            “min over the SLO” figure above. Gaps in the latency line are
            saturated periods.
          </>
        }
        style={{ marginTop: 16 }}
      />
      {hasLatency || points.some(p => p.overSloMinutes > 0) ? (
        <ChartFrame
          label="Simulated latency over a day"
          height={160}
          data={points}
        >
          {hourAxis}
          <YAxis yAxisId="ms" width={64} tickFormatter={latencyTick} />
          <YAxis
            yAxisId="minutes"
            orientation="right"
            width={64}
            domain={[0, 5]}
            ticks={[0, 1, 2, 3, 4, 5]}
            tickFormatter={(v: number) => `${v} min`}
          />
          <Tooltip />
          <Area
            yAxisId="minutes"
            type="stepAfter"
            dataKey="overSloMinutes"
            name="minutes over the SLO (per 5 min)"
            stroke={theme.palette.error.main}
            fill={theme.palette.error.light}
            isAnimationActive={false}
          />
          {sloMs !== undefined && (
            <ReferenceLine
              yAxisId="ms"
              y={sloMs}
              stroke={theme.palette.error.main}
              strokeDasharray="4 4"
              label="SLO"
            />
          )}
          <Line
            yAxisId="ms"
            type="monotone"
            dataKey="latencyMs"
            name="worst latency (ms)"
            stroke={theme.palette.warning.main}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        </ChartFrame>
      ) : (
        <Typography variant="body2" color="textSecondary">
          No latency estimate: the pods were saturated whenever there was load.
        </Typography>
      )}
    </>
  );
}
