import { Box, Paper, Typography, makeStyles } from '@material-ui/core';
import { FleetTotals as Totals } from '@internal/plugin-model-scaling-common';
import { plural } from './plural';

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

/** The fleet at a glance (the backend's totals over every service the user may read). */
export function FleetTotals(props: { totals: Totals }) {
  const classes = useStyles();
  const t = props.totals;
  return (
    <Paper
      className={classes.root}
      aria-label="Fleet totals"
      component="section"
    >
      <Figure
        value={t.services}
        label={plural(t.services, 'service', 'services')}
        detail={`${format.format(t.deployed)} deployed · ${format.format(
          t.notDeployed,
        )} not deployed`}
      />
      <Figure
        value={t.replicas}
        label={plural(t.replicas, 'replica', 'replicas')}
        detail={`${format.format(t.readyReplicas)} ready`}
      />
      <Figure
        value={t.gpusInUse}
        label={plural(t.gpusInUse, 'GPU in use', 'GPUs in use')}
        detail="GPUs, MIG slices or GPU shares requested"
      />
      <Figure
        value={t.healthy}
        label={plural(t.healthy, 'service healthy', 'services healthy')}
      />
      <Figure
        value={t.atRisk}
        label={plural(t.atRisk, 'service at risk', 'services at risk')}
      />
      <Figure
        value={t.failing}
        label={plural(t.failing, 'service failing', 'services failing')}
      />
      <Figure
        value={t.drifted}
        label={plural(t.drifted, 'service off preset', 'services off preset')}
      />
    </Paper>
  );
}
