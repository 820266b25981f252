import { InfoCard } from '@backstage/core-components';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { WorkloadStatus } from '@internal/plugin-model-scaling-common';
import { HealthStatus } from '../shared/HealthStatus';
import { ScrollableTable } from '../shared/ScrollableTable';
import { formatAge, formatClock, formatSeconds } from '../shared/format';

/** Rescale events shown, newest first. */
const EVENTS_SHOWN = 10;

/**
 * What the Kubernetes plugin and Headlamp show, inside the tab: the pods with
 * phase, readiness, restarts, node and cold start; the last scale time; and
 * the recent rescale events of the autoscaler, newest first.
 */
export function PodsCard(props: {
  workload: WorkloadStatus;
  generatedAt: string;
}) {
  const { workload, generatedAt } = props;
  const now = new Date(generatedAt);
  const lastScale = workload.autoscaler.hpa?.lastScaleTime;
  const events = workload.rescaleEvents.slice(0, EVENTS_SHOWN);
  return (
    <InfoCard
      title="Pods and scaling events"
      subheader={`Last scale ${
        lastScale
          ? `${formatAge(lastScale, now)} (${formatClock(
              Date.parse(lastScale),
            )} UTC)`
          : 'not recorded'
      }`}
    >
      {workload.pods.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No pods: the workload is scaled to zero or not started.
        </Typography>
      ) : (
        <ScrollableTable>
          <Table size="small" aria-label="Pods">
            <TableHead>
              <TableRow>
                <TableCell>Pod</TableCell>
                <TableCell>Phase</TableCell>
                <TableCell>Ready</TableCell>
                <TableCell align="right">Restarts</TableCell>
                <TableCell>Node</TableCell>
                <TableCell align="right">Cold start</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {workload.pods.map(pod => (
                <TableRow key={pod.name}>
                  <TableCell>{pod.name}</TableCell>
                  <TableCell>
                    {pod.phase}
                    {pod.pendingReason ? ` (${pod.pendingReason})` : ''}
                  </TableCell>
                  <TableCell>
                    <HealthStatus health={pod.ready ? 'ok' : 'warning'}>
                      {pod.ready ? 'ready' : 'not ready'}
                    </HealthStatus>
                  </TableCell>
                  <TableCell align="right">{pod.restartCount}</TableCell>
                  <TableCell>
                    {pod.nodeName ?? '—'}
                    {pod.spot ? ' (spot)' : ''}
                  </TableCell>
                  <TableCell align="right">
                    {formatSeconds(pod.coldStartSeconds)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollableTable>
      )}
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3">
          Recent scaling events
        </Typography>
        {events.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No rescale event in the cluster's event history.
          </Typography>
        ) : (
          <ScrollableTable>
            <Table size="small" aria-label="Recent scaling events">
              <TableHead>
                <TableRow>
                  <TableCell>Time (UTC)</TableCell>
                  <TableCell align="right">New size</TableCell>
                  <TableCell>Reason</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {events.map(e => (
                  <TableRow key={`${e.time}-${e.object}-${e.message}`}>
                    <TableCell>{formatClock(Date.parse(e.time))}</TableCell>
                    <TableCell align="right">{e.newSize ?? '—'}</TableCell>
                    <TableCell data-wrap="words">
                      {e.reason ?? e.message}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollableTable>
        )}
      </Box>
    </InfoCard>
  );
}
