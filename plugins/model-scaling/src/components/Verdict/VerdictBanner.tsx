import { Box, Link, Paper, Typography, makeStyles } from '@material-ui/core';
import { Verdict } from '@internal/plugin-model-scaling-common';
import { HealthStatus, Health } from '../shared/HealthStatus';
import { VerdictChip } from './VerdictChip';

const useStyles = makeStyles(theme => ({
  root: {
    padding: theme.spacing(2),
    marginBottom: theme.spacing(2),
    borderLeft: `6px solid ${theme.palette.divider}`,
  },
  healthy: { borderLeftColor: theme.palette.success.main },
  'at-risk': { borderLeftColor: theme.palette.warning.main },
  failing: { borderLeftColor: theme.palette.error.main },
  'not-deployed': { borderLeftColor: theme.palette.grey[500] },
  head: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  headline: { overflowWrap: 'break-word', minWidth: 0 },
  reasons: { margin: theme.spacing(1, 0, 0), paddingLeft: theme.spacing(3) },
  reason: { marginTop: theme.spacing(0.5), overflowWrap: 'break-word' },
  fix: { paddingLeft: theme.spacing(3.5) },
  label: { fontWeight: theme.typography.fontWeightMedium as number },
}));

/** Reasons listed in the banner; the rest are in the findings card below. */
const SHOWN = 3;

const SEVERITY_HEALTH: Record<string, Health> = {
  error: 'error',
  warning: 'warning',
  info: 'neutral',
};

/**
 * The service's one verdict at the top of the Scaling tab: healthy, at risk,
 * failing or not deployed, its headline, and every reason with its evidence
 * and fix. The same verdict is shown per row on the fleet page.
 */
export function VerdictBanner(props: { verdict: Verdict }) {
  const { verdict } = props;
  const classes = useStyles();
  return (
    <Paper
      component="section"
      aria-label="Verdict"
      className={`${classes.root} ${classes[verdict.level]}`}
      data-testid="model-scaling-verdict"
    >
      <div className={classes.head}>
        <VerdictChip level={verdict.level} size="medium" />
        <Typography variant="h6" component="h2" className={classes.headline}>
          {verdict.headline}
        </Typography>
      </div>
      {verdict.reasons.length > 0 && (
        <ul className={classes.reasons}>
          {verdict.reasons.slice(0, SHOWN).map((reason, index) => (
            <li key={index} className={classes.reason}>
              <Typography variant="body2" component="div">
                <HealthStatus health={SEVERITY_HEALTH[reason.severity]}>
                  {reason.evidence}
                </HealthStatus>
              </Typography>
              {reason.fix && (
                <Typography
                  variant="body2"
                  color="textSecondary"
                  className={classes.fix}
                >
                  <span className={classes.label}>Fix: </span>
                  {reason.fix}
                </Typography>
              )}
            </li>
          ))}
        </ul>
      )}
      {verdict.reasons.length > SHOWN && (
        <Box mt={1}>
          <Typography variant="body2">
            <Link href="#findings">
              {verdict.reasons.length - SHOWN} more{' '}
              {verdict.reasons.length - SHOWN === 1 ? 'reason' : 'reasons'} in
              the findings below
            </Link>
          </Typography>
        </Box>
      )}
      {verdict.level === 'healthy' && verdict.reasons.length === 0 && (
        <Box mt={1}>
          <Typography variant="body2" color="textSecondary">
            Replicas have headroom, no pod is pending, Triton meets the SLO and
            no scaling rule finds a pitfall.
          </Typography>
        </Box>
      )}
    </Paper>
  );
}
