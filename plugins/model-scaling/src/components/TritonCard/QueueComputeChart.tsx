import { useTheme } from '@material-ui/core';
import {
  Bar,
  BarChart,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatMicros } from '../shared/format';

/** Props of {@link QueueComputeChart}. */
export interface QueueComputeChartProps {
  queueUs: number;
  computeUs: number;
  /** Latency SLO in ms, drawn as a line when given. */
  sloMs?: number;
}

/** Where a request's time goes: waiting in the queue vs computing, against the SLO. */
export function QueueComputeChart(props: QueueComputeChartProps) {
  const { queueUs, computeUs, sloMs } = props;
  const theme = useTheme();
  const data = [
    { name: 'request', queue: queueUs / 1000, compute: computeUs / 1000 },
  ];
  const total = (queueUs + computeUs) / 1000;
  const domainMax = Math.max(total, sloMs ?? 0) * 1.1;
  return (
    <div
      role="img"
      aria-label={`Queue ${formatMicros(queueUs)}, compute ${formatMicros(
        computeUs,
      )}${sloMs !== undefined ? `, SLO ${sloMs} ms` : ''}`}
    >
      <ResponsiveContainer width="100%" height={110}>
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 8, right: 24, bottom: 0, left: 0 }}
        >
          <XAxis type="number" unit=" ms" domain={[0, domainMax]} />
          <YAxis type="category" dataKey="name" hide />
          <Tooltip
            formatter={(value: number, name: string) => [
              `${value.toFixed(2)} ms`,
              name,
            ]}
          />
          <Legend />
          <Bar
            dataKey="queue"
            stackId="t"
            fill={theme.palette.warning.main}
            isAnimationActive={false}
          />
          <Bar
            dataKey="compute"
            stackId="t"
            fill={theme.palette.primary.main}
            isAnimationActive={false}
          />
          {sloMs !== undefined && (
            <ReferenceLine
              x={sloMs}
              stroke={theme.palette.error.main}
              label="SLO"
            />
          )}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
