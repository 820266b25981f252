import { Chip, makeStyles } from '@material-ui/core';
import { Severity } from '@internal/plugin-model-scaling-common';
import { StatusOK } from '@backstage/core-components';

const useStyles = makeStyles(theme => ({
  root: { display: 'flex', gap: theme.spacing(0.5), flexWrap: 'wrap' },
  error: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  warning: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  info: {},
}));

/** Findings of a service by severity as small chips; a tick when there are none. */
export function FindingCounts(props: { findings: Record<Severity, number> }) {
  const classes = useStyles();
  const present = (['error', 'warning', 'info'] as const).filter(
    s => (props.findings[s] ?? 0) > 0,
  );
  if (present.length === 0) {
    return <StatusOK>none</StatusOK>;
  }
  return (
    <span className={classes.root}>
      {present.map(severity => (
        <Chip
          key={severity}
          size="small"
          className={classes[severity]}
          label={`${props.findings[severity]} ${severity}`}
        />
      ))}
    </span>
  );
}
