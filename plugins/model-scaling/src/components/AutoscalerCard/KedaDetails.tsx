import {
  Box,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { KedaView } from '@internal/plugin-model-scaling-common';
import { HealthStatus } from '../shared/HealthStatus';
import { formatSeconds } from '../shared/format';
import { ScrollableTable } from '../shared/ScrollableTable';
import { AlertChip } from '../shared/AlertChip';
import { Term } from '../shared/Term';

const useStyles = makeStyles(theme => ({
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  detail: {
    wordBreak: 'break-all',
    fontFamily: 'monospace',
    fontSize: theme.typography.caption.fontSize,
  },
}));

/** Trigger metadata worth showing next to the type, by trigger type. */
const TRIGGER_DETAIL_KEYS: Record<string, string[]> = {
  prometheus: ['query'],
  kafka: ['topic', 'consumerGroup'],
  'aws-sqs-queue': ['queueURL'],
  cpu: ['value'],
  memory: ['value'],
};

function triggerDetail(type: string, metadata: Record<string, string>): string {
  const keys = TRIGGER_DETAIL_KEYS[type] ?? [];
  return keys
    .filter(key => metadata[key])
    .map(key => `${key}: ${metadata[key]}`)
    .join(' · ');
}

/** KEDA's part: triggers with thresholds, and whether it is active, paused or falling back. */
export function KedaDetails(props: { keda: KedaView }) {
  const { keda } = props;
  const classes = useStyles();
  const healthEntries = Object.entries(keda.health);
  return (
    <Box>
      <div className={classes.chips}>
        {keda.active === undefined ? null : (
          <Chip
            size="small"
            color={keda.active ? 'primary' : 'default'}
            label={<Term term="active">{keda.active ? 'Active' : 'Idle'}</Term>}
          />
        )}
        {keda.paused && <AlertChip size="small" alert label="Paused" />}
        {keda.fallbackActive && (
          <AlertChip
            size="small"
            alert
            label={`Fallback active${
              keda.fallback
                ? `: held at ${keda.fallback.replicas} replicas`
                : ''
            }`}
          />
        )}
        {!keda.fallbackActive && keda.fallback && (
          <Chip
            size="small"
            variant="outlined"
            label={
              <Term term="fallback">
                {`Fallback ${keda.fallback.replicas} replicas after ${keda.fallback.failureThreshold} failures`}
              </Term>
            }
          />
        )}
        <Chip
          size="small"
          variant="outlined"
          label={
            <Term term="pollingInterval">{`Polling ${formatSeconds(
              keda.pollingInterval,
            )}`}</Term>
          }
        />
        <Chip
          size="small"
          variant="outlined"
          label={
            <Term term="cooldownPeriod">{`Cooldown ${formatSeconds(
              keda.cooldownPeriod,
            )}`}</Term>
          }
        />
        {keda.idleReplicaCount !== undefined && (
          <Chip
            size="small"
            variant="outlined"
            label={
              <Term term="idleReplicaCount">{`Idle ${keda.idleReplicaCount} replicas`}</Term>
            }
          />
        )}
      </div>
      <ScrollableTable>
        <Table size="small" aria-label="KEDA triggers">
          <TableHead>
            <TableRow>
              <TableCell>Trigger</TableCell>
              <TableCell align="right">
                <Term term="threshold">Threshold</Term>
              </TableCell>
              <TableCell align="right">
                <Term term="activationThreshold">Activation</Term>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {keda.triggers.map((trigger, index) => (
              <TableRow key={`${trigger.type}-${trigger.name ?? index}`}>
                <TableCell>
                  {trigger.type}
                  {trigger.name ? ` (${trigger.name})` : ''}
                  <div className={classes.detail} data-wrap="anywhere">
                    {triggerDetail(trigger.type, trigger.metadata)}
                  </div>
                </TableCell>
                <TableCell align="right">{trigger.threshold ?? '—'}</TableCell>
                <TableCell align="right">
                  {trigger.activationThreshold ?? '—'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollableTable>
      {healthEntries.length > 0 && (
        <Box mt={1}>
          {healthEntries.map(([metric, health]) => (
            <Typography variant="body2" key={metric} component="div">
              <HealthStatus health={health.status === 'Happy' ? 'ok' : 'error'}>
                {metric}: {health.status}
                {health.numberOfFailures > 0 &&
                  `, ${health.numberOfFailures} failures in a row`}
              </HealthStatus>
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
}
