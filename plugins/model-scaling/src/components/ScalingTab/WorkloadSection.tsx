import { Box, Chip, Grid, Typography, makeStyles } from '@material-ui/core';
import {
  ClusterError,
  EntityScalingStatus,
  WorkloadStatus,
} from '@internal/plugin-model-scaling-common';
import { AutoscalerCard } from '../AutoscalerCard/AutoscalerCard';
import { InfoCard } from '@backstage/core-components';
import { BatchingAdvice } from '../BatchingAdvice/BatchingAdvice';
import { CostCard } from '../CostCard/CostCard';
import { presetBatching } from '../BatchingAdvice/adviceSummary';
import { ModelAdvice, adviceKey } from '../BatchingAdvice/useBatchingAdvice';
import { usePatternPresets } from '../../hooks/usePatternPresets';
import { GpuCard } from '../GpuCard/GpuCard';
import { HistoryCard } from '../HistoryCard/HistoryCard';
import { PodsCard } from '../PodsCard/PodsCard';
import { TritonCard } from '../TritonCard/TritonCard';
import { WhatIfCard } from '../WhatIfCard/WhatIfCard';
import { formatAge } from '../shared/format';
import { AlertChip } from '../shared/AlertChip';

const useStyles = makeStyles(theme => ({
  heading: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    margin: theme.spacing(2, 0, 1),
  },
}));

/** Props of {@link WorkloadSection}. */
export interface WorkloadSectionProps {
  workload: WorkloadStatus;
  status: EntityScalingStatus;
  /** The error of the workload's cluster, when it has one. */
  clusterError?: ClusterError;
  /** The batching advisor's answers, by {@link adviceKey}. */
  advice?: Map<string, ModelAdvice>;
}

/** The cards of one Deployment in one cluster. */
export function WorkloadSection(props: WorkloadSectionProps) {
  const { workload, status, clusterError, advice } = props;
  const classes = useStyles();
  const presets = usePatternPresets();
  const preset = presetBatching(status.pattern, presets);
  const tritonModels = workload.triton?.models ?? [];
  const label = `Deployment ${workload.namespace}/${workload.name} in cluster ${workload.cluster}`;
  const hasTriton =
    workload.triton !== undefined || status.tritonModels.length > 0;
  return (
    <Box component="section" aria-label={label}>
      <div className={classes.heading}>
        <Typography variant="h5" component="h2">
          {workload.namespace}/{workload.name}
        </Typography>
        <Chip
          size="small"
          variant="outlined"
          label={`Cluster ${workload.cluster}`}
        />
        {clusterError?.stale && (
          <AlertChip
            size="small"
            alert
            label={`stale: cluster last in sync ${formatAge(
              clusterError.staleSince,
              new Date(status.generatedAt),
            )}`}
          />
        )}
      </div>
      <Grid container spacing={3} alignItems="stretch">
        <Grid item xs={12} lg={7}>
          <AutoscalerCard
            workload={workload}
            generatedAt={status.generatedAt}
          />
        </Grid>
        <Grid item xs={12} lg={5}>
          <GpuCard gpu={workload.gpu} />
        </Grid>
        {hasTriton && (
          <Grid item xs={12}>
            <TritonCard
              triton={workload.triton}
              tritonModels={status.tritonModels}
              latencySloMs={status.latencySloMs}
              generatedAt={status.generatedAt}
            />
          </Grid>
        )}
        {tritonModels.length > 0 && (
          <Grid item xs={12}>
            <InfoCard
              title="Batching advice"
              subheader="The live dynamic_batching against the golden-path preset and the advisor’s setting for today’s load, simulated on measured batch-latency profiles"
            >
              {tritonModels.map(model => (
                <BatchingAdvice
                  key={model.model}
                  model={model}
                  sloMs={status.latencySloMs}
                  replicas={workload.replicas.ready}
                  preset={preset}
                  initial={advice?.get(adviceKey(workload, model.model))}
                />
              ))}
            </InfoCard>
          </Grid>
        )}
        <Grid item xs={12}>
          <PodsCard workload={workload} generatedAt={status.generatedAt} />
        </Grid>
        <Grid item xs={12}>
          <HistoryCard history={workload.history} />
        </Grid>
        <Grid item xs={12}>
          <CostCard workload={workload} status={status} />
        </Grid>
        <Grid item xs={12}>
          <WhatIfCard
            workload={workload}
            pattern={status.pattern}
            latencySloMs={status.latencySloMs}
            entityRef={status.entityRef}
          />
        </Grid>
      </Grid>
    </Box>
  );
}
