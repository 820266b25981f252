import { WarningPanel } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import { ClusterError } from '@internal/plugin-model-scaling-common';
import { formatAge } from '../shared/format';

/** One line per cluster that could not be read or is served from a stale cache. */
export function ClusterErrorsPanel(props: {
  errors: ClusterError[];
  /** The document's `generatedAt`, to say how old stale data is. */
  generatedAt: string;
}) {
  const { errors, generatedAt } = props;
  if (errors.length === 0) {
    return null;
  }
  const now = new Date(generatedAt);
  const title =
    errors.length === 1
      ? `Cluster ${errors[0].cluster}: ${
          errors[0].stale ? 'showing cached data' : 'could not be read'
        }`
      : `${errors.length} clusters could not be read`;
  return (
    <WarningPanel severity="warning" title={title} defaultExpanded>
      {errors.map(error => (
        <Box key={error.cluster} mb={1}>
          <Typography variant="body2">
            <strong>{error.cluster}</strong>:{' '}
            {error.stale
              ? `data shown is cached, last in sync ${formatAge(
                  error.staleSince,
                  now,
                )}. `
              : 'no data from this cluster is shown. '}
            {error.message}
          </Typography>
        </Box>
      ))}
    </WarningPanel>
  );
}
