import { Box, Paper, Typography, makeStyles } from '@material-ui/core';
import { FleetRow, fleetTotals } from './fleetRows';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(4),
    padding: theme.spacing(2),
  },
  figure: { fontSize: '1.5rem', fontWeight: 600, lineHeight: 1.2 },
}));

const format = new Intl.NumberFormat('en-US');

/** `1 service`, `3 services`. */
function plural(n: number, one: string, many: string) {
  return n === 1 ? one : many;
}

function Figure(props: { value: number; label: string; detail?: string }) {
  const classes = useStyles();
  return (
    <Box
      role="group"
      aria-label={`${format.format(props.value)} ${props.label}`}
    >
      <div className={classes.figure}>{format.format(props.value)}</div>
      <Typography variant="body2">{props.label}</Typography>
      {props.detail && (
        <Typography variant="caption" color="textSecondary">
          {props.detail}
        </Typography>
      )}
    </Box>
  );
}

/** The fleet at a glance: services, replicas, GPU replicas and services by verdict. */
export function FleetTotals(props: { rows: FleetRow[] }) {
  const classes = useStyles();
  const t = fleetTotals(props.rows);
  return (
    <Paper
      className={classes.root}
      aria-label="Fleet totals"
      component="section"
    >
      <Figure
        value={t.services}
        label={plural(t.services, 'service', 'services')}
        detail={`${format.format(t.healthy)} healthy · ${format.format(
          t.notDeployed,
        )} not deployed`}
      />
      <Figure
        value={t.replicas}
        label={plural(t.replicas, 'replica', 'replicas')}
        detail={`${format.format(t.readyReplicas)} ready`}
      />
      <Figure
        value={t.gpuReplicas}
        label={plural(t.gpuReplicas, 'GPU replica', 'GPU replicas')}
        detail="pods holding a GPU, MIG slice or GPU share"
      />
      <Figure
        value={t.atRisk}
        label={plural(t.atRisk, 'service at risk', 'services at risk')}
      />
      <Figure
        value={t.failing}
        label={plural(t.failing, 'service failing', 'services failing')}
      />
    </Paper>
  );
}
