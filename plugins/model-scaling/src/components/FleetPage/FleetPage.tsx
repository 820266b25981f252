import {
  Content,
  ContentHeader,
  Header,
  Page,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Typography } from '@material-ui/core';
import {
  FleetPageRequest,
  FleetRow,
  FleetSortColumn,
} from '@internal/plugin-model-scaling-common';
import { ReactNode, useCallback, useRef, useState } from 'react';
import { modelScalingApiRef } from '../../api/ModelScalingApi';
import { usePolling } from '../../hooks/usePolling';
import { ClusterHealthSummary } from './ClusterHealthSummary';
import { FleetFilters, FleetFilterValues } from './FleetFilters';
import { FleetTable } from './FleetTable';
import { FleetCost } from '../FleetCost';
import { FleetTotals } from './FleetTotals';

/** How often the fleet page refreshes while visible. */
export const FLEET_POLL_INTERVAL_MS = 30_000;

/** Props of {@link FleetContent}. */
export interface FleetContentProps {
  /**
   * Actions on the selected services (for example "Bring to preset"),
   * drawn above the table; rows get checkboxes when this is given. Selected
   * rows stay selected across pages, sorting and filtering; the rows of
   * pages not on screen are those last seen.
   */
  selectionActions?: (selected: FleetRow[], clear: () => void) => ReactNode;
  /** Drawn below the table (for example the fleet's GPU costs). */
  children?: ReactNode;
}

/** The fleet page's content: cluster health, totals, filters and one page of model services. */
export function FleetContent(props: FleetContentProps) {
  const api = useApi(modelScalingApiRef);
  const [request, setRequest] = useState<FleetPageRequest>({
    offset: 0,
    limit: 50,
    sort: 'verdict',
    order: 'asc',
  });
  const [selected, setSelected] = useState<string[]>([]);
  const seen = useRef(new Map<string, FleetRow>());

  const loadFleet = useCallback(
    (signal: AbortSignal) => api.getFleetPage(request, { signal }),
    [api, request],
  );
  const loadClusters = useCallback(
    (signal: AbortSignal) => api.getClusters({ signal }),
    [api],
  );
  const fleet = usePolling(loadFleet, { intervalMs: FLEET_POLL_INTERVAL_MS });
  const clusters = usePolling(loadClusters, {
    intervalMs: FLEET_POLL_INTERVAL_MS,
  });
  for (const row of fleet.value?.rows ?? [])
    seen.current.set(row.entityRef, row);

  const filters: FleetFilterValues = {
    verdict: request.verdict,
    pattern: request.pattern,
    owner: request.owner,
    cluster: request.cluster,
    drifted: request.drifted,
    q: request.q,
  };
  const onFilters = useCallback(
    (values: FleetFilterValues) =>
      setRequest(r => ({ ...r, ...values, offset: 0 })),
    [],
  );
  const onSort = useCallback(
    (sort: FleetSortColumn, order: 'asc' | 'desc') =>
      setRequest(r => ({ ...r, sort, order, offset: 0 })),
    [],
  );
  const onPage = useCallback(
    (offset: number, limit: number) =>
      setRequest(r => ({ ...r, offset, limit })),
    [],
  );

  const selectedRows = selected
    .map(ref => seen.current.get(ref))
    .filter((r): r is FleetRow => Boolean(r));

  return (
    <Content>
      <ContentHeader title="Model services">
        <SupportButton>
          Every model service in the catalog with its verdict, live replicas,
          GPUs, batching, findings, and drift from the golden-path presets.
          Filtering, sorting and paging run on the backend over the whole fleet.
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
      {fleet.value && (
        <Box mb={2}>
          <FleetTotals totals={fleet.value.totals} />
        </Box>
      )}
      <FleetFilters
        values={filters}
        facets={fleet.value?.facets}
        onChange={onFilters}
      />
      {props.selectionActions && selected.length > 0 && (
        <Box mb={1} display="flex" alignItems="center" style={{ gap: 16 }}>
          <Typography variant="body2">
            {selected.length}{' '}
            {selected.length === 1 ? 'service selected' : 'services selected'}
          </Typography>
          {props.selectionActions(selectedRows, () => setSelected([]))}
        </Box>
      )}
      <FleetTable
        rows={fleet.value?.rows ?? []}
        total={fleet.value?.total ?? 0}
        offset={request.offset ?? 0}
        limit={request.limit ?? 50}
        sort={request.sort ?? 'verdict'}
        order={request.order ?? 'asc'}
        loading={fleet.loading}
        onPage={onPage}
        onSort={onSort}
        {...(props.selectionActions && {
          selected,
          onSelectionChange: setSelected,
        })}
        empty={
          fleet.value?.totals.services === 0 ? (
            <Typography variant="body2">
              No model services yet: create one with the “Create new model
              service” template, or give a Component spec.type model-service and
              the backstage.io/kubernetes-id annotation.
            </Typography>
          ) : (
            'No model service matches these filters.'
          )
        }
      />
      <Box mt={3}>
        <FleetCost />
      </Box>
      {props.children}
    </Content>
  );
}

/**
 * The fleet page. In the new frontend system the app draws the page header;
 * the legacy page brings its own (`withHeader`).
 */
export function FleetPage(props: { withHeader?: boolean } & FleetContentProps) {
  const { withHeader, ...content } = props;
  if (!withHeader) {
    return <FleetContent {...content} />;
  }
  return (
    <Page themeId="tool">
      <Header
        title="Model scaling"
        subtitle="Are all our model services on the golden path?"
      />
      <FleetContent {...content} />
    </Page>
  );
}

/** The fleet page with its own header, for the legacy frontend system. */
export function LegacyFleetPage() {
  return <FleetPage withHeader />;
}
