import { InfoCard } from '@backstage/core-components';
import { Box, Typography, useTheme } from '@material-ui/core';
import {
  MetricSeries,
  WorkloadHistory,
} from '@internal/plugin-model-scaling-common';
import { ReactNode } from 'react';
import { Area, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, compactTick, timeXAxis } from '../shared/ChartFrame';
import { formatClock, formatNumber } from '../shared/format';
import { evenTimeTicks } from './timeTicks';

function TimeChart(props: {
  title: string;
  label: string;
  data: Record<string, number | undefined>[];
  unit: string;
  children: ReactNode;
}) {
  const { title, label, data, unit, children } = props;
  const times = data.map(d => d.t as number);
  const ticks = evenTimeTicks(Math.min(...times), Math.max(...times));
  return (
    <Box mt={2}>
      <ChartFrame title={title} label={label} height={180} data={data}>
        <XAxis {...timeXAxis('t')} ticks={ticks} tickFormatter={formatClock} />
        {/* Numbers only: the unit is in the title and the legend, so a
            long unit ("per pod") never pushes a tick out of the chart. */}
        <YAxis width={52} tickFormatter={compactTick} />
        <Tooltip
          labelFormatter={value => `${formatClock(Number(value))} UTC`}
          formatter={(value: number) =>
            unit ? `${formatNumber(value, 2)} ${unit}` : formatNumber(value, 2)
          }
        />
        {children}
      </ChartFrame>
    </Box>
  );
}

const ms = (iso: string) => Date.parse(iso);

function MetricChart(props: { series: MetricSeries; kind: string }) {
  const theme = useTheme();
  const { series, kind } = props;
  if (series.points.length === 0) return null;
  return (
    <TimeChart
      title={`${kind} ${series.name}${
        series.target === undefined ? '' : ' against its target'
      } (${series.unit})`}
      label={`${series.name} over time`}
      unit={series.unit}
      data={series.points.map(p => ({ t: ms(p.t), v: p.v }))}
    >
      {series.target !== undefined && (
        <ReferenceLine
          y={series.target}
          stroke={theme.palette.error.main}
          strokeDasharray="4 4"
          label={{ value: 'target', fill: theme.palette.text.secondary }}
        />
      )}
      <Line
        dataKey="v"
        name={`${series.name} (${series.unit})`}
        stroke={theme.palette.primary.main}
        dot={false}
        isAnimationActive={false}
      />
    </TimeChart>
  );
}

/**
 * The workload's recent history as the backend records it: desired,
 * current and ready replicas; each autoscaler metric against its target;
 * Triton p50/p99 latency and queue vs compute time per model; GPU
 * utilisation only when the cluster exports DCGM metrics. A clear empty
 * state while nothing is recorded.
 */
export function HistoryCard(props: { history?: WorkloadHistory }) {
  const { history } = props;
  const theme = useTheme();
  const empty =
    !history ||
    (history.replicas.length === 0 &&
      history.metrics.every(m => m.points.length === 0) &&
      history.triton.every(m => m.points.length === 0));
  if (empty) {
    return (
      <InfoCard title="History">
        <Typography variant="body2" color="textSecondary">
          No history recorded yet. The backend records replicas, autoscaler
          metrics and Triton figures at every collection round and keeps the
          last hours; the charts appear here once the first rounds are in.
        </Typography>
      </InfoCard>
    );
  }
  const gpu = (history!.gpuUtilization ?? []).filter(s => s.points.length > 0);
  return (
    <InfoCard
      title="History"
      subheader={`One point every ${history!.stepSeconds} s`}
    >
      {history!.replicas.length > 0 && (
        <TimeChart
          title="Replicas: desired, current and ready"
          label="Replicas over time"
          unit=""
          data={history!.replicas.map(r => ({
            t: ms(r.t),
            desired: r.desired,
            current: r.current,
            ready: r.ready,
          }))}
        >
          <Line
            type="stepAfter"
            dataKey="desired"
            name="desired"
            stroke={theme.palette.primary.main}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="stepAfter"
            dataKey="current"
            name="current"
            stroke={theme.palette.info.main}
            strokeDasharray="6 3"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="stepAfter"
            dataKey="ready"
            name="ready"
            stroke={theme.palette.success.main}
            strokeDasharray="2 2"
            dot={false}
            isAnimationActive={false}
          />
        </TimeChart>
      )}
      {history!.metrics.map(series => (
        <MetricChart key={series.name} series={series} kind="Metric" />
      ))}
      {history!.triton
        .filter(m => m.points.length > 0)
        .map(m => (
          <Box key={m.model}>
            <TimeChart
              title={`Triton ${m.model}: p50 and p99 latency (ms)`}
              label={`Triton ${m.model} latency over time`}
              unit="ms"
              data={m.points.map(p => ({
                t: ms(p.t),
                p50: p.p50LatencyMs,
                p99: p.p99LatencyMs,
              }))}
            >
              <Line
                dataKey="p50"
                name="p50 (ms)"
                stroke={theme.palette.primary.main}
                dot={false}
                isAnimationActive={false}
              />
              <Line
                dataKey="p99"
                name="p99 (ms)"
                stroke={theme.palette.warning.main}
                dot={false}
                isAnimationActive={false}
              />
            </TimeChart>
            <TimeChart
              title={`Triton ${m.model}: queue vs compute time per request (ms)`}
              label={`Triton ${m.model} queue and compute time over time`}
              unit="ms"
              data={m.points.map(p => ({
                t: ms(p.t),
                queue:
                  p.averageQueueUs === undefined
                    ? undefined
                    : p.averageQueueUs / 1000,
                compute:
                  p.averageComputeUs === undefined
                    ? undefined
                    : p.averageComputeUs / 1000,
              }))}
            >
              <Area
                stackId="latency"
                dataKey="queue"
                name="queue (ms)"
                stroke={theme.palette.warning.main}
                fill={theme.palette.warning.light}
                isAnimationActive={false}
              />
              <Area
                stackId="latency"
                dataKey="compute"
                name="compute (ms)"
                stroke={theme.palette.primary.main}
                fill={theme.palette.primary.light}
                isAnimationActive={false}
              />
            </TimeChart>
          </Box>
        ))}
      {gpu.map(series => (
        <MetricChart key={series.name} series={series} kind="GPU utilisation" />
      ))}
    </InfoCard>
  );
}
