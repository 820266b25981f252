import { InfoCard } from '@backstage/core-components';
import { Box, Chip, Divider, Typography, makeStyles } from '@material-ui/core';
import {
  Finding,
  Severity,
  sortFindings,
  Verdict,
  VERDICT_LABELS,
} from '@internal/plugin-model-scaling-common';
import { Fragment } from 'react';
import { Health, HealthStatus } from '../shared/HealthStatus';
import { FindingFix } from '../FixProposals';
import { FindingSaving } from '../CostCard/FindingSavings';

const useStyles = makeStyles(theme => ({
  finding: { padding: theme.spacing(1.5, 0) },
  label: { fontWeight: theme.typography.fontWeightMedium as number },
  subject: { marginLeft: theme.spacing(1) },
  text: { overflowWrap: 'break-word' },
  fix: { whiteSpace: 'pre-wrap', overflowWrap: 'break-word' },
}));

const SEVERITY_HEALTH: Record<Severity, Health> = {
  error: 'error',
  warning: 'warning',
  info: 'neutral',
};

/**
 * The scaling pitfalls this service falls into, most severe first, each with
 * its evidence and the concrete fix; none means it is on the golden path.
 */
export function FindingsCard(props: {
  findings: Finding[];
  verdict?: Verdict;
}) {
  return (
    <section aria-label="Findings" id="findings">
      <FindingsCardContent {...props} />
    </section>
  );
}

function FindingsCardContent(props: {
  findings: Finding[];
  verdict?: Verdict;
}) {
  const { verdict } = props;
  const classes = useStyles();
  const findings = sortFindings(props.findings);
  if (findings.length === 0 && verdict && verdict.level !== 'healthy') {
    return (
      <InfoCard title="Findings">
        <HealthStatus
          health={verdict.level === 'failing' ? 'error' : 'warning'}
        >
          No scaling rule fired, but the service is{' '}
          <strong>
            {VERDICT_LABELS[verdict.level].toLocaleLowerCase('en-US')}
          </strong>
          : {verdict.headline}. The verdict above lists the evidence and fix.
        </HealthStatus>
      </InfoCard>
    );
  }
  if (findings.length === 0) {
    return (
      <InfoCard title="Findings">
        <HealthStatus health="ok">
          <strong>On the golden path</strong>: no scaling pitfall found in the
          live autoscaler, GPU and Triton state.
        </HealthStatus>
      </InfoCard>
    );
  }
  const counts = findings.reduce<Record<Severity, number>>(
    (acc, f) => ({ ...acc, [f.severity]: acc[f.severity] + 1 }),
    { error: 0, warning: 0, info: 0 },
  );
  const subheader = (['error', 'warning', 'info'] as const)
    .filter(s => counts[s] > 0)
    .map(s => `${counts[s]} ${s}${counts[s] === 1 ? '' : 's'}`)
    .join(', ');
  return (
    <InfoCard title="Findings" subheader={subheader}>
      {findings.map((finding, index) => (
        <Fragment key={`${finding.id}-${finding.subject ?? index}`}>
          {index > 0 && <Divider />}
          <Box
            className={classes.finding}
            component="article"
            aria-label={finding.title}
          >
            <Typography variant="subtitle1" component="div">
              <HealthStatus health={SEVERITY_HEALTH[finding.severity]}>
                {finding.title}
              </HealthStatus>
              <Chip
                className={classes.subject}
                size="small"
                variant="outlined"
                label={finding.severity}
              />
              {finding.subject && (
                <Chip
                  className={classes.subject}
                  size="small"
                  variant="outlined"
                  label={finding.subject}
                />
              )}
            </Typography>
            <Typography variant="body2" className={classes.text}>
              <span className={classes.label}>Evidence: </span>
              {finding.evidence}
            </Typography>
            <Typography variant="body2" className={classes.fix}>
              <span className={classes.label}>Fix: </span>
              {finding.fix}
            </Typography>
            <FindingFix finding={finding} />
            <FindingSaving finding={finding} />
            <Typography variant="caption" color="textSecondary">
              rule {finding.id}
            </Typography>
          </Box>
        </Fragment>
      ))}
    </InfoCard>
  );
}
