import { Chip, makeStyles } from '@material-ui/core';
import { Severity } from '@internal/plugin-model-scaling-common';
import { Link, StatusOK } from '@backstage/core-components';

const useStyles = makeStyles(theme => ({
  root: { display: 'flex', gap: theme.spacing(0.5), flexWrap: 'wrap' },
  error: {
    backgroundColor: theme.palette.error.dark,
    color: theme.palette.error.contrastText,
    cursor: 'pointer',
  },
  warning: {
    backgroundColor: theme.palette.warning.dark,
    color: theme.palette.common.black,
    cursor: 'pointer',
  },
  info: { cursor: 'pointer' },
}));

const WORDS: Record<Severity, [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['note', 'notes'],
};

/** `1 error`, `2 warnings`. */
export function severityCount(severity: Severity, n: number): string {
  return `${n} ${WORDS[severity][n === 1 ? 0 : 1]}`;
}

/** Props of {@link FindingCounts}. */
export interface FindingCountsProps {
  findings: Record<Severity, number>;
  /** Where the service's findings are listed (its Scaling tab's findings card). */
  to?: string;
  /** False for a service with no workload: no finding is not a clean bill of health. */
  deployed?: boolean;
}

/** Findings of a service by severity as chips linking to its findings; a tick when there are none. */
export function FindingCounts(props: FindingCountsProps) {
  const { to, deployed = true } = props;
  const classes = useStyles();
  const present = (['error', 'warning', 'info'] as const).filter(
    s => (props.findings[s] ?? 0) > 0,
  );
  if (!deployed) {
    return <span>—</span>;
  }
  if (present.length === 0) {
    return <StatusOK>none</StatusOK>;
  }
  return (
    <span className={classes.root}>
      {present.map(severity => {
        const chip = (
          <Chip
            key={severity}
            size="small"
            className={classes[severity]}
            label={severityCount(severity, props.findings[severity])}
          />
        );
        return to ? (
          <Link key={severity} to={to} underline="none">
            {chip}
          </Link>
        ) : (
          chip
        );
      })}
    </span>
  );
}
