import { Theme, Typography } from '@material-ui/core';
import { CSSProperties, ReactNode } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  ResponsiveContainer,
} from 'recharts';

const compact = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  maximumFractionDigits: 1,
});

/** Axis tick as a compact number: `1.2K`, `3.4M`, so a tick never outgrows its axis. */
export const compactTick = (value: number) => compact.format(value);

/** X axis props of a chart over time: epoch milliseconds in `dataKey`, from the first point to the last. */
export const timeXAxis = (dataKey: string) => ({
  dataKey,
  type: 'number' as const,
  scale: 'time' as const,
  domain: ['dataMin', 'dataMax'],
});

/** The unit written along a Y axis, on its left or its right side. */
export const yAxisUnit = (
  value: string,
  theme: Theme,
  side: 'left' | 'right' = 'left',
) => ({
  value,
  angle: side === 'left' ? -90 : 90,
  position:
    side === 'left' ? ('insideLeft' as const) : ('insideRight' as const),
  fill: theme.palette.text.secondary,
});

/** A chart's heading, with an optional caption under it. */
export function ChartTitle(props: {
  title: ReactNode;
  caption?: ReactNode;
  style?: CSSProperties;
}) {
  const { title, caption, style } = props;
  return (
    <>
      <Typography variant="subtitle2" component="h3" style={style}>
        {title}
      </Typography>
      {caption && (
        <Typography variant="caption" color="textSecondary" component="p">
          {caption}
        </Typography>
      )}
    </>
  );
}

/** Props of {@link ChartFrame}. */
export interface ChartFrameProps {
  /** Heading above the chart (with the units it shows). */
  title?: ReactNode;
  caption?: ReactNode;
  /** Accessible name of the chart. */
  label: string;
  height: number;
  data: object[];
  /** Right margin in px (default 8). */
  marginRight?: number;
  /** Draw the legend under the chart (default true). */
  legend?: boolean;
  /** The axes, tooltip and series, as direct recharts children. */
  children: ReactNode;
}

/**
 * What every chart of the plugin shares: heading, an `img` with an
 * accessible name, a responsive container of fixed height, the dashed grid
 * and the legend. The axes, tooltip and series come as children.
 */
export function ChartFrame(props: ChartFrameProps) {
  const {
    title,
    caption,
    label,
    height,
    data,
    marginRight = 8,
    legend = true,
    children,
  } = props;
  return (
    <>
      {title && <ChartTitle title={title} caption={caption} />}
      <div role="img" aria-label={label}>
        <ResponsiveContainer width="100%" height={height}>
          <ComposedChart
            data={data}
            margin={{ top: 8, right: marginRight, bottom: 0, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            {children}
            {legend && <Legend />}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </>
  );
}
