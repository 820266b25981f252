import { Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { Box, Tooltip, Typography } from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import { FleetServiceRow } from '@internal/plugin-model-scaling-common';
import { useMemo } from 'react';
import { formatNumber } from '../shared/format';
import { DriftCell } from './DriftCell';
import { FindingCounts } from './FindingCounts';
import { FleetRow, fleetRows } from './fleetRows';
import { FleetTotals } from './FleetTotals';
import { VerdictChip } from '../Verdict/VerdictChip';

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

function VerdictCell(props: { row: FleetRow }) {
  const { verdictOf } = props.row;
  return (
    <>
      <VerdictChip level={verdictOf.level} />
      <Typography
        variant="caption"
        color="textSecondary"
        component="div"
        style={{ marginTop: 4 }}
      >
        {verdictOf.headline}
      </Typography>
    </>
  );
}

function FindingsCell(props: { row: FleetRow }) {
  const { row } = props;
  const entityRoute = useRouteRef(entityRouteRef);
  return (
    <FindingCounts
      findings={row.findings}
      deployed={row.deployed}
      to={`${entityRoute(row.ref)}/${SCALING_TAB_PATH}#findings`}
    />
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

const nowrap = { whiteSpace: 'nowrap' } as const;

const columns: TableColumn<FleetRow>[] = [
  {
    title: 'Verdict',
    field: 'verdictLabel',
    defaultSort: 'asc',
    // Worst first, then most findings, then by name: equal rows never swap.
    customSort: (a, b) => a.sortKey.localeCompare(b.sortKey),
    customFilterAndSearch: (query: string, row: FleetRow) =>
      `${row.verdictLabel} ${row.verdictOf.headline}`
        .toLocaleLowerCase('en-US')
        .includes(query.toLocaleLowerCase('en-US')),
    cellStyle: { minWidth: 180, maxWidth: 260 },
    render: row => <VerdictCell row={row} />,
  },
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
    cellStyle: nowrap,
    render: row => <ServiceCell row={row} />,
  },
  { title: 'Pattern', field: 'patternLabel', cellStyle: nowrap },
  {
    title: 'Clusters',
    field: 'clusters',
    customSort: (a, b) => a.clusters.join().localeCompare(b.clusters.join()),
    render: row => <ClustersCell row={row} />,
  },
  {
    title: 'Autoscaler',
    field: 'autoscalerType',
    cellStyle: nowrap,
    render: row => (row.deployed ? row.autoscalerType : '—'),
  },
  {
    title: 'Replicas',
    field: 'replicas.current',
    type: 'numeric',
    searchable: false,
    cellStyle: nowrap,
    render: row => (row.deployed ? replicasText(row) : '—'),
  },
  {
    title: 'GPU',
    field: 'gpuMode',
    cellStyle: nowrap,
    render: row => (row.deployed ? row.gpuMode : '—'),
  },
  {
    title: 'Avg batch',
    field: 'averageBatchSize',
    type: 'numeric',
    searchable: false,
    cellStyle: nowrap,
    render: row =>
      row.averageBatchSize === undefined
        ? '—'
        : formatNumber(row.averageBatchSize, 2),
  },
  {
    title: 'Findings',
    field: 'findingsTotal',
    searchable: false,
    customSort: (a, b) =>
      b.findingsTotal - a.findingsTotal || a.sortKey.localeCompare(b.sortKey),
    render: row => <FindingsCell row={row} />,
  },
  {
    title: 'Drift',
    field: 'driftCount',
    searchable: false,
    cellStyle: { minWidth: 220 },
    customSort: (a, b) =>
      b.driftCount - a.driftCount || a.sortKey.localeCompare(b.sortKey),
    render: row => (
      <DriftCell
        drift={row.drift}
        pattern={row.pattern}
        deployed={row.deployed}
      />
    ),
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
 * All model services: the verdict, pattern, clusters, replicas, GPU mode,
 * average batch size, findings by severity (linking to the service's
 * findings) and drift in words from the named golden-path preset, with the
 * fleet's totals above. Searchable, sorted worst first with a stable order,
 * with filters for verdict, pattern and severity.
 */
export function FleetTable(props: FleetTableProps) {
  const { services, loading } = props;
  const rows = useMemo(() => fleetRows(services), [services]);
  return (
    <>
      {rows.length > 0 && (
        <Box mb={2}>
          <FleetTotals rows={rows} />
        </Box>
      )}
      <Table<FleetRow>
        title="Model services"
        subtitle="Every catalog Component of type model-service, with its live scaling state"
        isLoading={loading}
        options={{
          paging: rows.length > 20,
          pageSize: 20,
          search: true,
          padding: 'dense',
          headerStyle: nowrap,
        }}
        columns={columns}
        data={rows}
        filters={[
          { column: 'Verdict', type: 'multiple-select' },
          { column: 'Pattern', type: 'multiple-select' },
          { column: 'Severity', type: 'multiple-select' },
        ]}
        emptyContent={
          <Typography variant="body2" style={{ padding: 16 }}>
            No model services yet: create one with the “Create new model
            service” template, or give a Component spec.type model-service and
            the backstage.io/kubernetes-id annotation.
          </Typography>
        }
      />
    </>
  );
}
