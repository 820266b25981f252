import { InfoCard } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import { TritonView } from '@internal/plugin-model-scaling-common';
import { HealthStatus } from '../shared/HealthStatus';
import { formatAge } from '../shared/format';
import { TritonModelSection } from './TritonModelSection';

/** Props of {@link TritonCard}. */
export interface TritonCardProps {
  triton?: TritonView;
  /** Models the entity's `model-scaling.io/triton-models` annotation names. */
  tritonModels: string[];
  latencySloMs?: number;
  /** When the document was generated; sample ages are measured from it. */
  generatedAt: string;
}

/**
 * Triton Inference Server per model: requests/s, average batch size and its
 * histogram, queue vs compute time, and the configured preferred batch sizes
 * and queue delay next to what is executed. Per-pod collection errors are
 * listed; one bad pod never hides the others.
 */
export function TritonCard(props: TritonCardProps) {
  const { triton, tritonModels, latencySloMs, generatedAt } = props;
  const now = new Date(generatedAt);
  const subheader = triton?.sampledAt
    ? `Sampled ${formatAge(triton.sampledAt, now)}`
    : undefined;
  const missing = tritonModels.filter(
    name => !triton?.models.some(m => m.model === name),
  );
  return (
    <InfoCard title="Triton dynamic batching" subheader={subheader}>
      {triton?.errors.map(error => (
        <Box key={error.pod} mb={1}>
          <HealthStatus health="warning">
            Could not read Triton on pod {error.pod}: {error.message}
          </HealthStatus>
        </Box>
      ))}
      {triton?.models.map(model => (
        <TritonModelSection
          key={model.model}
          model={model}
          latencySloMs={latencySloMs}
        />
      ))}
      {missing.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          No Triton figures yet for {missing.join(', ')} (named in
          model-scaling.io/triton-models). Rates need two samples; they appear
          after the second collection.
        </Typography>
      )}
      {!triton && missing.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          This workload does not run Triton.
        </Typography>
      )}
    </InfoCard>
  );
}
