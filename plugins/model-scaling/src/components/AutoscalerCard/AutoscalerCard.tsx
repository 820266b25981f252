import { InfoCard } from '@backstage/core-components';
import { Box, Typography, makeStyles } from '@material-ui/core';
import {
  AutoscalerManifest,
  WorkloadStatus,
} from '@internal/plugin-model-scaling-common';
import { ReactNode } from 'react';
import { HealthStatus } from '../shared/HealthStatus';
import { formatSeconds } from '../shared/format';
import { AutoscalerMetrics } from './AutoscalerMetrics';
import { AutoscalerYaml } from './AutoscalerYaml';
import { ConditionList } from './ConditionList';
import { KedaDetails } from './KedaDetails';
import { ReplicaGauge } from './ReplicaGauge';
import { ReplicaTimelineChart } from './ReplicaTimelineChart';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
}));

function Section(props: { title: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <Box
      className={classes.section}
      component="section"
      aria-label={props.title}
    >
      <Typography variant="subtitle2" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/** Props of {@link AutoscalerCard}. */
export interface AutoscalerCardProps {
  workload: WorkloadStatus;
  /** When the document was generated; the replica timeline ends there. */
  generatedAt: string;
}

/**
 * The workload's HPA or KEDA ScaledObject: replicas against min/max, each
 * metric against its target, the conditions in plain words, KEDA triggers and
 * state, replicas over time, and the objects' YAML (collapsed).
 */
export function AutoscalerCard(props: AutoscalerCardProps) {
  const { workload, generatedAt } = props;
  const { autoscaler, replicas } = workload;
  const { hpa, keda } = autoscaler;
  const classes = useStyles();

  let subheader = 'No autoscaler';
  if (autoscaler.type === 'keda' && keda) {
    subheader = `KEDA ScaledObject ${keda.name}`;
  } else if (autoscaler.type === 'hpa' && hpa) {
    subheader = `HorizontalPodAutoscaler ${hpa.name} (autoscaling/v2)`;
  }

  const conflicts = autoscaler.conflicting.length > 0 && (
    <Box mb={1}>
      <HealthStatus health="error">
        More than one autoscaler targets this Deployment:{' '}
        {autoscaler.conflicting.join(', ')}. They fight over the replica count.
      </HealthStatus>
    </Box>
  );

  if (autoscaler.type === 'none' || (!hpa && !keda)) {
    return (
      <InfoCard title="Autoscaler" subheader={subheader}>
        {conflicts}
        <Typography variant="body2">
          No HorizontalPodAutoscaler or KEDA ScaledObject targets Deployment{' '}
          {workload.namespace}/{workload.name}; it runs a fixed{' '}
          {replicas.spec ?? replicas.current} replicas ({replicas.ready} ready).
        </Typography>
      </InfoCard>
    );
  }

  const min = keda ? keda.minReplicaCount : hpa!.minReplicas;
  const max = keda ? keda.maxReplicaCount : hpa!.maxReplicas;
  const desired = hpa?.desiredReplicas ?? replicas.spec ?? replicas.current;
  const scaleDownWindowSet =
    hpa?.behavior?.scaleDown?.stabilizationWindowSeconds !== undefined;
  const conditions = [...(keda?.conditions ?? []), ...(hpa?.conditions ?? [])];

  return (
    <InfoCard title="Autoscaler" subheader={subheader}>
      {conflicts}
      <ReplicaGauge
        min={min}
        max={max}
        current={replicas.current}
        desired={desired}
        ready={replicas.ready}
      />
      {hpa && (
        <Typography variant="body2" color="textSecondary">
          Scale-down stabilization window{' '}
          {formatSeconds(hpa.scaleDownStabilizationSeconds)}
          {scaleDownWindowSet ? '' : ' (controller default, not set)'}
          {hpa.managedByKeda ? ` · HPA ${hpa.name} created by KEDA` : ''}
        </Typography>
      )}
      {hpa && (
        <Section title="Metrics">
          <AutoscalerMetrics metrics={hpa.metrics} />
        </Section>
      )}
      {keda && (
        <Section title="KEDA">
          <KedaDetails keda={keda} />
        </Section>
      )}
      {conditions.length > 0 && (
        <Section title="Conditions">
          <ConditionList conditions={conditions} />
        </Section>
      )}
      <Section title="Replicas over time">
        <ReplicaTimelineChart
          events={workload.rescaleEvents}
          until={generatedAt}
          current={replicas.current}
          min={min}
          max={max}
        />
      </Section>
      <Box className={classes.section}>
        <AutoscalerYaml
          manifests={[keda?.manifest, hpa?.manifest].filter(
            (m): m is AutoscalerManifest => m !== undefined,
          )}
        />
      </Box>
    </InfoCard>
  );
}
