import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { AutoscalerMetricView } from '@internal/plugin-model-scaling-common';
import { HealthStatus } from '../shared/HealthStatus';
import { formatMetricValue, metricStatus } from './metricStatus';
import { ScrollableTable } from '../shared/ScrollableTable';

/** Each autoscaler metric, current against target, and what it makes the autoscaler do. */
export function AutoscalerMetrics(props: { metrics: AutoscalerMetricView[] }) {
  const { metrics } = props;
  if (metrics.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No metrics configured (the HPA default is CPU at 80 %).
      </Typography>
    );
  }
  return (
    <ScrollableTable>
      <Table size="small" aria-label="Autoscaler metrics">
        <TableHead>
          <TableRow>
            <TableCell>Metric</TableCell>
            <TableCell align="right">Current</TableCell>
            <TableCell align="right">Target</TableCell>
            <TableCell>State</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {metrics.map(metric => {
            const status = metricStatus(metric);
            return (
              <TableRow key={`${metric.sourceType}/${metric.name}`}>
                <TableCell>
                  {metric.name}
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="div"
                  >
                    {metric.sourceType}
                  </Typography>
                </TableCell>
                <TableCell align="right">
                  {formatMetricValue(metric.current, metric.targetType)}
                </TableCell>
                <TableCell align="right">
                  {formatMetricValue(metric.target, metric.targetType)}
                </TableCell>
                <TableCell>
                  <HealthStatus health={status.health}>
                    {status.label}
                  </HealthStatus>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </ScrollableTable>
  );
}
