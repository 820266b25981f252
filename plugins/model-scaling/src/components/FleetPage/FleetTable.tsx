import { Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { Tooltip, Typography } from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import { FleetServiceRow } from '@internal/plugin-model-scaling-common';
import { useMemo } from 'react';
import { formatNumber } from '../shared/format';
import { DriftCell } from './DriftCell';
import { FindingCounts } from './FindingCounts';
import { FleetRow, fleetRows } from './fleetRows';

/** The path of an entity's Scaling tab, below its catalog page. */
export const SCALING_TAB_PATH = 'scaling';

function ServiceCell(props: { row: FleetRow }) {
  const { row } = props;
  const entityRoute = useRouteRef(entityRouteRef);
  return (
    <>
      <Link to={`${entityRoute(row.ref)}/${SCALING_TAB_PATH}`}>
        {row.title ?? row.name}
      </Link>
      <Typography variant="caption" color="textSecondary" component="div">
        {row.name}
        {row.owner ? ` · ${row.owner.replace(/^group:(default\/)?/, '')}` : ''}
      </Typography>
    </>
  );
}

function ClustersCell(props: { row: FleetRow }) {
  const { row } = props;
  return (
    <>
      {row.clusters.join(', ') || '—'}
      {row.clusterErrors.length > 0 && (
        <Tooltip
          title={row.clusterErrors
            .map(e => `${e.cluster}: ${e.stale ? 'stale, ' : ''}${e.message}`)
            .join('; ')}
        >
          <WarningIcon
            fontSize="small"
            color="error"
            aria-label={`${row.clusterErrors.length} cluster problem${
              row.clusterErrors.length === 1 ? '' : 's'
            }`}
            style={{ verticalAlign: 'middle', marginLeft: 4 }}
          />
        </Tooltip>
      )}
    </>
  );
}

function replicasText(row: FleetRow): string {
  const { current, ready, desired, min, max } = row.replicas;
  const range =
    min !== undefined && max !== undefined ? ` · ${min}–${max}` : '';
  const wants =
    desired !== undefined && desired !== current ? ` → ${desired}` : '';
  return `${ready}/${current}${wants}${range}`;
}

const columns: TableColumn<FleetRow>[] = [
  {
    title: 'Service',
    field: 'name',
    highlight: true,
    customFilterAndSearch: (query: string, row: FleetRow) =>
      [row.name, row.title, row.owner, row.entityRef]
        .filter(Boolean)
        .some(v =>
          v!
            .toLocaleLowerCase('en-US')
            .includes(query.toLocaleLowerCase('en-US')),
        ),
    render: row => <ServiceCell row={row} />,
  },
  { title: 'Pattern', field: 'patternLabel' },
  {
    title: 'Clusters',
    field: 'clusters',
    customSort: (a, b) => a.clusters.join().localeCompare(b.clusters.join()),
    render: row => <ClustersCell row={row} />,
  },
  { title: 'Autoscaler', field: 'autoscalerType' },
  {
    title: 'Replicas',
    field: 'replicas.current',
    type: 'numeric',
    searchable: false,
    render: row => replicasText(row),
  },
  { title: 'GPU', field: 'gpuMode' },
  {
    title: 'Avg batch',
    field: 'averageBatchSize',
    type: 'numeric',
    searchable: false,
    render: row =>
      row.averageBatchSize === undefined
        ? '—'
        : formatNumber(row.averageBatchSize, 2),
  },
  {
    title: 'Findings',
    field: 'findingsTotal',
    searchable: false,
    defaultSort: 'desc',
    render: row => <FindingCounts findings={row.findings} />,
  },
  {
    title: 'Drift',
    field: 'driftCount',
    type: 'numeric',
    searchable: false,
    render: row => <DriftCell drift={row.drift} />,
  },
  // Filter-only: the severities a service has findings of.
  { title: 'Severity', field: 'severities', hidden: true, searchable: false },
];

/** Props of {@link FleetTable}. */
export interface FleetTableProps {
  services: FleetServiceRow[];
  loading?: boolean;
}

/**
 * All model services: pattern, clusters, replicas, GPU mode, average batch
 * size, findings by severity and drift from the golden-path presets.
 * Searchable and sortable, with filters for pattern and severity.
 */
export function FleetTable(props: FleetTableProps) {
  const { services, loading } = props;
  const rows = useMemo(() => fleetRows(services), [services]);
  return (
    <Table<FleetRow>
      title="Model services"
      subtitle="Every catalog Component of type model-service, with its live scaling state"
      isLoading={loading}
      options={{
        paging: rows.length > 20,
        pageSize: 20,
        search: true,
        padding: 'dense',
      }}
      columns={columns}
      data={rows}
      filters={[
        { column: 'Pattern', type: 'multiple-select' },
        { column: 'Severity', type: 'multiple-select' },
      ]}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          No model services yet: create one with the “Create new model service”
          template, or give a Component spec.type model-service and the
          backstage.io/kubernetes-id annotation.
        </Typography>
      }
    />
  );
}
