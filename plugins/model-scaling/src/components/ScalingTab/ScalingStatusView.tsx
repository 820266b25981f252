import { EmptyState, WarningPanel } from '@backstage/core-components';
import { Box, Chip, Grid, Typography, makeStyles } from '@material-ui/core';
import {
  EntityScalingStatus,
  computeVerdict,
} from '@internal/plugin-model-scaling-common';
import { useMemo } from 'react';
import { useBatchingAdvice } from '../BatchingAdvice/useBatchingAdvice';
import { FindingsCard } from '../FindingsCard/FindingsCard';
import { FindingSavingsProvider } from '../CostCard/FindingSavings';
import { FixProposalsProvider } from '../FixProposals';
import { VerdictBanner } from '../Verdict/VerdictBanner';
import { formatClock, formatSeconds } from '../shared/format';
import { ClusterErrorsPanel } from './ClusterErrorsPanel';
import { WorkloadSection } from './WorkloadSection';

const useStyles = makeStyles(theme => ({
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
}));

/** Props of {@link ScalingStatusView}. */
export interface ScalingStatusViewProps {
  status: EntityScalingStatus;
  /** The error of the newest refresh, when the data shown is older. */
  refreshError?: Error;
  /** How often the tab refreshes, ms. */
  intervalMs: number;
  /** The entity's Kubernetes matching, for the empty state. */
  kubernetesId?: string;
  kubernetesNamespace?: string;
}

/** The Scaling tab's content for a loaded status document. */
export function ScalingStatusView(props: ScalingStatusViewProps) {
  const {
    status,
    refreshError,
    intervalMs,
    kubernetesId,
    kubernetesNamespace,
  } = props;
  const classes = useStyles();
  const errorsByCluster = new Map(
    status.clusterErrors.map(e => [e.cluster, e]),
  );
  const advice = useBatchingAdvice(status);
  const adviceFindings = useMemo(
    () => [...advice.values()].flatMap(a => (a.finding ? [a.finding] : [])),
    [advice],
  );
  const adviceFixes = useMemo(
    () =>
      [...advice.values()].flatMap(a =>
        a.finding && a.fix ? [{ finding: a.finding, fix: a.fix }] : [],
      ),
    [advice],
  );
  // The backend's verdict, unless the batching advisor (run here, on the
  // measured profiles) adds findings: then the same rules see those too.
  const { findings, verdict } = useMemo(() => {
    const all = [...status.findings, ...adviceFindings];
    return {
      findings: all,
      verdict:
        status.verdict && adviceFindings.length === 0
          ? status.verdict
          : computeVerdict({
              workloads: status.workloads,
              clusterErrors: status.clusterErrors,
              latencySloMs: status.latencySloMs,
              findings: all,
            }),
    };
  }, [status, adviceFindings]);

  return (
    <Box data-testid="model-scaling-tab">
      <div className={classes.meta}>
        {status.pattern && (
          <Chip size="small" label={`Pattern ${status.pattern}`} />
        )}
        {status.latencySloMs !== undefined && (
          <Chip
            size="small"
            variant="outlined"
            label={`SLO ${status.latencySloMs} ms`}
          />
        )}
        <Typography variant="caption">
          Updated {formatClock(Date.parse(status.generatedAt))} UTC · refreshes
          every {formatSeconds(intervalMs / 1000)} while this tab is visible
        </Typography>
      </div>
      <VerdictBanner verdict={verdict} />
      {refreshError && (
        <Box mb={2}>
          <WarningPanel
            severity="warning"
            title={`Could not refresh; showing data from ${formatClock(
              Date.parse(status.generatedAt),
            )} UTC`}
            message={refreshError.message}
          />
        </Box>
      )}
      <Box mb={2}>
        <ClusterErrorsPanel
          errors={status.clusterErrors}
          generatedAt={status.generatedAt}
        />
      </Box>
      {status.workloads.length === 0 ? (
        <EmptyState
          missing="data"
          title="No workloads found"
          description={`No Deployment in the configured clusters matches backstage.io/kubernetes-id=${
            kubernetesId ?? '(unset)'
          }${
            kubernetesNamespace ? ` in namespace ${kubernetesNamespace}` : ''
          }. Check the entity's Kubernetes annotations and that the Deployment carries the label backstage.io/kubernetes-id.`}
        />
      ) : (
        <FixProposalsProvider
          entityRef={status.entityRef}
          pattern={status.pattern}
          latencySloMs={status.latencySloMs}
          findingFixes={adviceFixes}
        >
          <Grid container spacing={3}>
            <Grid item xs={12}>
              <FindingSavingsProvider status={status}>
                <FindingsCard findings={findings} verdict={verdict} />
              </FindingSavingsProvider>
            </Grid>
            <Grid item xs={12}>
              {status.workloads.map(workload => (
                <WorkloadSection
                  key={`${workload.cluster}/${workload.namespace}/${workload.name}`}
                  workload={workload}
                  status={status}
                  clusterError={errorsByCluster.get(workload.cluster)}
                  advice={advice}
                />
              ))}
            </Grid>
          </Grid>
        </FixProposalsProvider>
      )}
    </Box>
  );
}
