import { Box, Tooltip, makeStyles } from '@material-ui/core';
import { ClusterHealth } from '@internal/plugin-model-scaling-common';
import { HealthStatus } from '../shared/HealthStatus';

const useStyles = makeStyles(theme => ({
  root: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(3) },
}));

function clusterHealth(cluster: ClusterHealth) {
  if (cluster.stale || cluster.lastError) {
    return {
      health: 'error' as const,
      text: cluster.stale ? 'stale' : 'error',
    };
  }
  if (!cluster.synced) {
    return { health: 'neutral' as const, text: 'syncing' };
  }
  return { health: 'ok' as const, text: 'in sync' };
}

/** One line per cluster the backend watches: in sync, syncing, or stale with the error. */
export function ClusterHealthSummary(props: { clusters: ClusterHealth[] }) {
  const classes = useStyles();
  if (props.clusters.length === 0) {
    return (
      <HealthStatus health="warning">
        No cluster configured under kubernetes.clusterLocatorMethods
      </HealthStatus>
    );
  }
  return (
    <Box className={classes.root} aria-label="Clusters">
      {props.clusters.map(cluster => {
        const { health, text } = clusterHealth(cluster);
        const details = [
          cluster.url,
          cluster.kedaAvailable ? 'KEDA installed' : 'no KEDA CRDs',
          cluster.lastError,
          ...cluster.kinds
            .filter(k => k.lastError)
            .map(k => `${k.kind}: ${k.lastError}`),
        ].filter(Boolean);
        return (
          <Tooltip key={cluster.name} title={details.join(' · ')}>
            <span>
              <HealthStatus health={health}>
                {cluster.name}: {text}
              </HealthStatus>
            </span>
          </Tooltip>
        );
      })}
    </Box>
  );
}
