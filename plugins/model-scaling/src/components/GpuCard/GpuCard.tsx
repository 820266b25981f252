import { InfoCard } from '@backstage/core-components';
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
import { GpuSharing } from '@internal/plugin-model-scaling-common';
import { HealthStatus } from '../shared/HealthStatus';
import { formatNumber } from '../shared/format';
import { describeGpuSharing } from './describeGpuSharing';
import { ScrollableTable } from '../shared/ScrollableTable';
import { AlertChip } from '../shared/AlertChip';

const useStyles = makeStyles(theme => ({
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    margin: theme.spacing(1, 0),
  },
}));

function nodeSharing(node: GpuSharing['nodes'][number]): string {
  if (node.migStrategy && node.migStrategy !== 'none') {
    return `MIG ${node.migStrategy}`;
  }
  if (node.sharingStrategy && node.sharingStrategy !== 'none') {
    return `${node.sharingStrategy} ×${node.replicas ?? '?'}`;
  }
  return 'none';
}

/**
 * How the workload uses GPUs: sharing mode (exclusive, time-slicing, MPS,
 * MIG profile), GPUs or slices per pod, memory isolation, and the nodes it
 * runs on with their product and spot capacity.
 */
export function GpuCard(props: { gpu: GpuSharing }) {
  const { gpu } = props;
  const classes = useStyles();
  const description = describeGpuSharing(gpu);
  return (
    <InfoCard title="GPU" subheader={description.headline}>
      <Typography variant="body2">{description.detail}</Typography>
      {gpu.mode !== 'none' && (
        <div className={classes.chips}>
          <Chip
            size="small"
            variant="outlined"
            label={`${gpu.perPod} per pod`}
          />
          {gpu.resourceName && (
            <Chip size="small" variant="outlined" label={gpu.resourceName} />
          )}
          <AlertChip
            size="small"
            alert={gpu.spot}
            label={gpu.spot ? 'Spot capacity' : 'On-demand capacity'}
          />
        </div>
      )}
      {gpu.mode !== 'none' && (
        <Box mb={1}>
          <HealthStatus health={gpu.memoryIsolation ? 'ok' : 'warning'}>
            {gpu.memoryIsolation
              ? 'GPU memory is isolated per pod'
              : 'No GPU memory isolation: one pod can exhaust the memory of the others'}
          </HealthStatus>
          {gpu.spot && (
            <HealthStatus health="warning">
              Some pods run on spot or preemptible nodes and can be evicted at
              short notice
            </HealthStatus>
          )}
        </Box>
      )}
      {gpu.mode !== 'none' && gpu.nodes.length > 0 ? (
        <ScrollableTable>
          <Table size="small" aria-label="GPU nodes">
            <TableHead>
              <TableRow>
                <TableCell>Node</TableCell>
                <TableCell>Product</TableCell>
                <TableCell align="right">GPUs</TableCell>
                <TableCell align="right">Memory</TableCell>
                <TableCell>Sharing</TableCell>
                <TableCell>Capacity</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {gpu.nodes.map(node => (
                <TableRow key={node.name}>
                  <TableCell>{node.name}</TableCell>
                  <TableCell>{node.product ?? '—'}</TableCell>
                  <TableCell align="right">{node.gpuCount ?? '—'}</TableCell>
                  <TableCell align="right">
                    {node.memoryMiB === undefined
                      ? '—'
                      : `${formatNumber(node.memoryMiB / 1024, 0)} GiB`}
                  </TableCell>
                  <TableCell>{nodeSharing(node)}</TableCell>
                  <TableCell title={node.capacityLabel}>
                    {node.spot ? 'spot' : 'on-demand'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollableTable>
      ) : (
        gpu.mode !== 'none' && (
          <Typography variant="body2" color="textSecondary">
            No GPU node of this workload is known yet (pods not scheduled).
          </Typography>
        )
      )}
    </InfoCard>
  );
}
