import {
  Content,
  ContentHeader,
  Header,
  Page,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box } from '@material-ui/core';
import { useCallback } from 'react';
import { modelScalingApiRef } from '../../api/ModelScalingApi';
import { usePolling } from '../../hooks/usePolling';
import { ClusterHealthSummary } from './ClusterHealthSummary';
import { FleetTable } from './FleetTable';
import { FleetCost } from '../FleetCost';

/** How often the fleet page refreshes while visible. */
export const FLEET_POLL_INTERVAL_MS = 30_000;

/** The fleet page's content: cluster health and the table of model services. */
export function FleetContent() {
  const api = useApi(modelScalingApiRef);
  const loadFleet = useCallback(
    (signal: AbortSignal) => api.getFleet({ signal }),
    [api],
  );
  const loadClusters = useCallback(
    (signal: AbortSignal) => api.getClusters({ signal }),
    [api],
  );
  const fleet = usePolling(loadFleet, { intervalMs: FLEET_POLL_INTERVAL_MS });
  const clusters = usePolling(loadClusters, {
    intervalMs: FLEET_POLL_INTERVAL_MS,
  });

  return (
    <Content>
      <ContentHeader title="Model services">
        <SupportButton>
          Every model service in the catalog with its live autoscaler, GPU and
          batching state, findings, and drift from the golden-path presets.
        </SupportButton>
      </ContentHeader>
      {clusters.value && (
        <Box mb={2}>
          <ClusterHealthSummary clusters={clusters.value.clusters} />
        </Box>
      )}
      {fleet.error && (
        <Box mb={2}>
          <ResponseErrorPanel error={fleet.error} />
        </Box>
      )}
      {(fleet.value || fleet.loading) && (
        <FleetTable
          services={fleet.value?.services ?? []}
          loading={fleet.loading}
        />
      )}
      <Box mt={3}>
        <FleetCost />
      </Box>
    </Content>
  );
}

/**
 * The fleet page. In the new frontend system the app draws the page header;
 * the legacy page brings its own (`withHeader`).
 */
export function FleetPage(props: { withHeader?: boolean }) {
  if (!props.withHeader) {
    return <FleetContent />;
  }
  return (
    <Page themeId="tool">
      <Header
        title="Model scaling"
        subtitle="Are all our model services on the golden path?"
      />
      <FleetContent />
    </Page>
  );
}

/** The fleet page with its own header, for the legacy frontend system. */
export function LegacyFleetPage() {
  return <FleetPage withHeader />;
}
