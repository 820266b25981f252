import {
  Box,
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { TritonModelFigures } from '@internal/plugin-model-scaling-common';
import { HealthStatus } from '../shared/HealthStatus';
import { formatMicros, formatNumber } from '../shared/format';
import { BatchHistogramChart } from './BatchHistogramChart';
import { QueueComputeChart } from './QueueComputeChart';
import { batchingSummary } from './batchingSummary';
import { ScrollableTable } from '../shared/ScrollableTable';
import { Term } from '../shared/Term';

function percent(share: number | undefined): string {
  return share === undefined ? '—' : `${Math.round(share * 100)} %`;
}

/** One Triton model: throughput, batching configured vs executed, and where time goes. */
export function TritonModelSection(props: {
  model: TritonModelFigures;
  latencySloMs?: number;
}) {
  const { model, latencySloMs } = props;
  const summary = batchingSummary(model);
  return (
    <Box component="section" aria-label={`Triton model ${model.model}`} mb={3}>
      <Typography variant="h6">
        {model.model}
        {model.version ? ` v${model.version}` : ''}
      </Typography>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {formatNumber(model.requestsPerSecond)} req/s ·{' '}
        {formatNumber(model.inferencesPerSecond)} inferences/s ·{' '}
        {formatNumber(model.executionsPerSecond)} executions/s ·{' '}
        {formatNumber(model.failuresPerSecond, 2)} failures/s · over{' '}
        {formatNumber(model.intervalSeconds, 0)} s from {model.source}
      </Typography>
      <Grid container spacing={2}>
        <Grid item xs={12} md={5}>
          <ScrollableTable>
            <Table size="small" aria-label={`Batching of ${model.model}`}>
              <TableHead>
                <TableRow>
                  <TableCell />
                  <TableCell>Configured</TableCell>
                  <TableCell>Executed</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                <TableRow>
                  <TableCell>
                    <Term term="preferredBatchSize">Batch size</Term>
                  </TableCell>
                  <TableCell>
                    {summary.dynamicBatching
                      ? `preferred ${
                          summary.preferredBatchSizes.length > 0
                            ? summary.preferredBatchSizes.join(', ')
                            : 'none'
                        }`
                      : 'dynamic batching off'}
                    {summary.maxBatchSize !== undefined &&
                      ` (max ${summary.maxBatchSize})`}
                  </TableCell>
                  <TableCell>
                    <Term term="averageBatch">
                      average{' '}
                      {summary.averageBatchSize === undefined
                        ? '—'
                        : formatNumber(summary.averageBatchSize, 2)}
                      {summary.modeBatchSize !== undefined &&
                        `, mostly ${summary.modeBatchSize}`}
                    </Term>
                  </TableCell>
                </TableRow>
                <TableRow>
                  <TableCell>
                    <Term term="maxQueueDelay">Queue delay</Term>
                  </TableCell>
                  <TableCell>
                    {summary.maxQueueDelayUs === undefined
                      ? '—'
                      : `max ${formatMicros(summary.maxQueueDelayUs)}`}
                  </TableCell>
                  <TableCell>
                    <Term term="queueTime">
                      average {formatMicros(model.averageQueueUs)}
                      {summary.queueDelayUse !== undefined &&
                        ` (${percent(summary.queueDelayUse)} of max)`}
                    </Term>
                  </TableCell>
                </TableRow>
                <TableRow>
                  <TableCell>At preferred sizes</TableCell>
                  <TableCell>—</TableCell>
                  <TableCell>{percent(summary.preferredShare)}</TableCell>
                </TableRow>
                <TableRow>
                  <TableCell>
                    <Term term="computeTime">Compute per execution</Term>
                  </TableCell>
                  <TableCell>—</TableCell>
                  <TableCell>{formatMicros(model.averageComputeUs)}</TableCell>
                </TableRow>
                {model.pendingRequests !== undefined && (
                  <TableRow>
                    <TableCell>
                      <Term term="pendingRequests">Pending requests</Term>
                    </TableCell>
                    <TableCell>—</TableCell>
                    <TableCell>{model.pendingRequests}</TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
          </ScrollableTable>
          {!summary.dynamicBatching && (
            <Box mt={1}>
              <HealthStatus health="warning">
                Dynamic batching is off: every request runs alone on the GPU.
              </HealthStatus>
            </Box>
          )}
        </Grid>
        <Grid item xs={12} md={7}>
          <Typography variant="subtitle2">Executions per batch size</Typography>
          {summary.executions > 0 ? (
            <BatchHistogramChart
              histogram={model.batchSizeHistogram}
              preferred={summary.preferredBatchSizes}
            />
          ) : (
            <Typography variant="body2" color="textSecondary">
              No per-batch-size counts:{' '}
              {model.source === 'stats'
                ? 'nothing ran in the interval.'
                : `${model.source} only gives the average; the histogram comes from /v2/models/${model.model}/stats.`}
            </Typography>
          )}
          {model.averageQueueUs !== undefined &&
            model.averageComputeUs !== undefined && (
              <>
                <Typography variant="subtitle2">
                  Queue vs compute time
                </Typography>
                <QueueComputeChart
                  queueUs={model.averageQueueUs}
                  computeUs={model.averageComputeUs}
                  sloMs={latencySloMs}
                />
              </>
            )}
        </Grid>
      </Grid>
    </Box>
  );
}
