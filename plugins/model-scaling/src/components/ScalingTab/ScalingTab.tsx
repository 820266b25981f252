import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useCallback, useMemo } from 'react';
import { modelScalingApiRef } from '../../api/ModelScalingApi';
import { usePolling } from '../../hooks/usePolling';
import { useEntityHistory, withHistory } from '../../hooks/useEntityHistory';
import { ScalingStatusView } from './ScalingStatusView';

/** How often the tab refreshes while visible: the backend's watch cache makes this free for the cluster. */
export const SCALING_TAB_POLL_INTERVAL_MS = 15_000;

/**
 * The Scaling tab of a model service: loads the entity's scaling status from
 * the backend, refreshes it every 15 s while the tab and the document are
 * visible, keeps its workloads' recorded history (the window once, then only
 * new points) and renders the cards.
 */
export function ScalingTab(props: { pollIntervalMs?: number }) {
  const intervalMs = props.pollIntervalMs ?? SCALING_TAB_POLL_INTERVAL_MS;
  const { entity } = useEntity();
  const api = useApi(modelScalingApiRef);
  const entityRef = stringifyEntityRef(entity);
  const load = useCallback(
    (signal: AbortSignal) => api.getEntityStatus(entityRef, { signal }),
    [api, entityRef],
  );
  const { value, error, loading } = usePolling(load, { intervalMs });
  // History has a route of its own: the window once, then what is new.
  const history = useEntityHistory(entityRef, intervalMs);
  const status = useMemo(
    () => value && withHistory(value, history.value),
    [value, history.value],
  );

  if (!status) {
    if (loading || !error) {
      return <Progress />;
    }
    return <ResponseErrorPanel error={error} />;
  }
  const annotations = entity.metadata.annotations ?? {};
  return (
    <ScalingStatusView
      status={status}
      refreshError={error ?? history.error}
      intervalMs={intervalMs}
      kubernetesId={annotations['backstage.io/kubernetes-id']}
      kubernetesNamespace={annotations['backstage.io/kubernetes-namespace']}
    />
  );
}
