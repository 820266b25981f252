import { useTheme } from '@material-ui/core';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** Axis ticks stay short ("14K"), so they fit the axis and are never clipped ("0500" for 10,500). */
const compact = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  maximumFractionDigits: 1,
});
const grouped = new Intl.NumberFormat('en-US');

/** Props of {@link BatchHistogramChart}. */
export interface BatchHistogramChartProps {
  histogram: { batchSize: number; executions: number }[];
  /** Configured `preferred_batch_size`; those bars are drawn in the primary colour. */
  preferred: number[];
}

/** Executions per batch size in the sampling interval, preferred sizes highlighted. */
export function BatchHistogramChart(props: BatchHistogramChartProps) {
  const { histogram, preferred } = props;
  const theme = useTheme();
  const data = [...histogram]
    .sort((a, b) => a.batchSize - b.batchSize)
    .map(bucket => ({ ...bucket, label: String(bucket.batchSize) }));
  return (
    <div
      role="img"
      aria-label={`Executions per batch size: ${data
        .map(d => `${d.batchSize}×${grouped.format(d.executions)}`)
        .join(', ')}`}
    >
      <ResponsiveContainer width="100%" height={180}>
        <BarChart
          data={data}
          margin={{ top: 8, right: 8, bottom: 16, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="label"
            label={{
              value: 'batch size',
              position: 'insideBottom',
              offset: -8,
            }}
          />
          <YAxis
            allowDecimals={false}
            width={48}
            tickFormatter={(v: number) => compact.format(v)}
          />
          <Tooltip
            formatter={(value: number) => [grouped.format(value), 'executions']}
          />
          <Bar dataKey="executions" isAnimationActive={false}>
            {data.map(d => (
              <Cell
                key={d.batchSize}
                fill={
                  preferred.includes(d.batchSize)
                    ? theme.palette.primary.main
                    : theme.palette.grey[500]
                }
              />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
