// long-file: the fleet table's sortable headers, paging, selection and cells share one accessible markup.
import { Link, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  Box,
  Checkbox,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TableSortLabel,
  Tooltip,
  Typography,
  makeStyles,
} from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  FleetRow,
  FleetSortColumn,
} from '@internal/plugin-model-scaling-common';
import { ReactNode } from 'react';
import { formatNumber } from '../shared/format';
import { VerdictChip } from '../Verdict/VerdictChip';
import { DriftCell } from './DriftCell';
import { FindingCounts } from './FindingCounts';
import { plural } from './plural';

/** The path of an entity's Scaling tab, below its catalog page. */
export const SCALING_TAB_PATH = 'scaling';

const useStyles = makeStyles(theme => ({
  nowrap: { whiteSpace: 'nowrap' },
  head: { fontWeight: theme.typography.fontWeightBold as number },
  verdict: { minWidth: 180, maxWidth: 280 },
  drift: { minWidth: 240 },
}));

function useScalingTabLink() {
  const entityRoute = useRouteRef(entityRouteRef);
  return (row: FleetRow) => {
    const ref = parseEntityRef(row.entityRef, { defaultKind: 'component' });
    return `${entityRoute({
      kind: ref.kind,
      namespace: ref.namespace,
      name: ref.name,
    })}/${SCALING_TAB_PATH}`;
  };
}

function replicasText(row: FleetRow): string {
  const { current, ready, desired, max } = row.replicas;
  const wants =
    desired !== undefined && desired !== current ? ` → ${desired}` : '';
  const cap = max !== undefined ? ` of max ${max}` : '';
  return `${ready}/${current} ready${wants}${cap}`;
}

function ClustersCell(props: { row: FleetRow }) {
  const { row } = props;
  const where = row.clusters.length
    ? row.clusters
        .map(c => (row.clusterNamespace ? `${c}/${row.clusterNamespace}` : c))
        .join(', ')
    : '—';
  return (
    <>
      {where}
      {row.clusterErrors.length > 0 && (
        <Tooltip
          title={row.clusterErrors
            .map(e => `${e.cluster}: ${e.stale ? 'stale, ' : ''}${e.message}`)
            .join('; ')}
        >
          <WarningIcon
            fontSize="small"
            color="error"
            role="img"
            aria-label={`${row.clusterErrors.length} ${plural(
              row.clusterErrors.length,
              'cluster problem',
              'cluster problems',
            )}`}
            style={{ verticalAlign: 'middle', marginLeft: 4 }}
          />
        </Tooltip>
      )}
    </>
  );
}

interface Column {
  id: FleetSortColumn;
  label: string;
  numeric?: boolean;
}

const COLUMNS: Column[] = [
  { id: 'verdict', label: 'Verdict' },
  { id: 'name', label: 'Service' },
  { id: 'pattern', label: 'Pattern' },
  { id: 'cluster', label: 'Cluster / namespace' },
  { id: 'replicas', label: 'Replicas', numeric: true },
  { id: 'gpus', label: 'GPUs', numeric: true },
  { id: 'batch', label: 'Avg batch', numeric: true },
  { id: 'findings', label: 'Findings' },
  { id: 'drift', label: 'Drift from preset' },
];

/** Props of {@link FleetTable}. */
export interface FleetTableProps {
  rows: FleetRow[];
  /** Rows matching the filters (all pages). */
  total: number;
  offset: number;
  limit: number;
  sort: FleetSortColumn;
  order: 'asc' | 'desc';
  loading?: boolean;
  onPage(offset: number, limit: number): void;
  onSort(sort: FleetSortColumn, order: 'asc' | 'desc'): void;
  /** Entity refs of the selected rows; with `onSelectionChange`, rows get checkboxes. */
  selected?: string[];
  onSelectionChange?(selected: string[]): void;
  /** What the table says when no row matches. */
  empty?: ReactNode;
}

/**
 * One page of model services from `GET /v1/fleet`: verdict with its top
 * reason, the service (linking to its Scaling tab), pattern, cluster and
 * namespace, replicas, GPUs in use, average batch size, findings by
 * severity (linking to the service's findings) and drift in words against
 * the named preset. Sorting and paging ask the backend; row selection is
 * for actions on several services.
 */
export function FleetTable(props: FleetTableProps) {
  const classes = useStyles();
  const link = useScalingTabLink();
  const { rows, selected, onSelectionChange } = props;
  const selectable = Boolean(onSelectionChange);
  const selectedSet = new Set(selected ?? []);
  const pageRefs = rows.map(r => r.entityRef);
  const allOnPage =
    pageRefs.length > 0 && pageRefs.every(r => selectedSet.has(r));
  const someOnPage = pageRefs.some(r => selectedSet.has(r));

  const toggle = (ref: string) => {
    const next = new Set(selectedSet);
    if (next.has(ref)) next.delete(ref);
    else next.add(ref);
    onSelectionChange?.([...next]);
  };
  const togglePage = () => {
    const next = new Set(selectedSet);
    for (const ref of pageRefs) {
      if (allOnPage) next.delete(ref);
      else next.add(ref);
    }
    onSelectionChange?.([...next]);
  };

  return (
    <Paper>
      {props.loading && <Progress />}
      <TableContainer tabIndex={0} aria-label="Model services table">
        <Table size="small" aria-label="Model services">
          <TableHead>
            <TableRow>
              {selectable && (
                <TableCell padding="checkbox">
                  <Checkbox
                    indeterminate={someOnPage && !allOnPage}
                    checked={allOnPage}
                    onChange={togglePage}
                    inputProps={{
                      'aria-label': 'Select the services on this page',
                    }}
                  />
                </TableCell>
              )}
              {COLUMNS.map(c => (
                <TableCell
                  key={c.id}
                  className={`${classes.head} ${classes.nowrap}`}
                  align={c.numeric ? 'right' : 'left'}
                  sortDirection={props.sort === c.id ? props.order : false}
                >
                  <TableSortLabel
                    active={props.sort === c.id}
                    direction={props.sort === c.id ? props.order : 'asc'}
                    onClick={() =>
                      props.onSort(
                        c.id,
                        props.sort === c.id && props.order === 'asc'
                          ? 'desc'
                          : 'asc',
                      )
                    }
                  >
                    {c.label}
                  </TableSortLabel>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.length === 0 && !props.loading && (
              <TableRow>
                <TableCell colSpan={COLUMNS.length + (selectable ? 1 : 0)}>
                  {props.empty ?? 'No model service matches.'}
                </TableCell>
              </TableRow>
            )}
            {rows.map(row => {
              const to = link(row);
              return (
                <TableRow
                  key={row.entityRef}
                  hover
                  selected={selectedSet.has(row.entityRef)}
                >
                  {selectable && (
                    <TableCell padding="checkbox">
                      <Checkbox
                        checked={selectedSet.has(row.entityRef)}
                        onChange={() => toggle(row.entityRef)}
                        inputProps={{
                          'aria-label': `Select ${row.title ?? row.name}`,
                        }}
                      />
                    </TableCell>
                  )}
                  <TableCell className={classes.verdict}>
                    <VerdictChip level={row.verdict.level} />
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      component="div"
                      style={{ marginTop: 4 }}
                    >
                      {row.verdict.topReason ?? row.verdict.headline}
                    </Typography>
                  </TableCell>
                  <TableCell className={classes.nowrap}>
                    <Link to={to}>{row.title ?? row.name}</Link>
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      component="div"
                    >
                      {row.name}
                      {row.owner
                        ? ` · ${row.owner.replace(/^group:(default\/)?/, '')}`
                        : ''}
                    </Typography>
                  </TableCell>
                  <TableCell className={classes.nowrap}>
                    {row.pattern ?? (
                      <Typography variant="body2" color="textSecondary">
                        none named
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    <ClustersCell row={row} />
                  </TableCell>
                  <TableCell align="right" className={classes.nowrap}>
                    {row.deployed ? replicasText(row) : 'not deployed'}
                  </TableCell>
                  <TableCell align="right" className={classes.nowrap}>
                    {row.deployed && row.gpusInUse > 0
                      ? `${formatNumber(row.gpusInUse, 0)} · ${row.gpuMode}`
                      : '—'}
                  </TableCell>
                  <TableCell align="right" className={classes.nowrap}>
                    {row.averageBatchSize === undefined
                      ? '—'
                      : formatNumber(row.averageBatchSize, 2)}
                  </TableCell>
                  <TableCell>
                    <FindingCounts
                      findings={row.findings}
                      deployed={row.deployed}
                      to={`${to}#findings`}
                    />
                  </TableCell>
                  <TableCell className={classes.drift}>
                    <DriftCell
                      drift={row.drift}
                      words={row.driftInWords}
                      pattern={row.pattern}
                      deployed={row.deployed}
                    />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      <Box display="flex" justifyContent="flex-end">
        <TablePagination
          component="div"
          count={props.total}
          page={Math.floor(props.offset / props.limit)}
          rowsPerPage={props.limit}
          rowsPerPageOptions={[20, 50, 100, 200]}
          onPageChange={(_, page) =>
            props.onPage(page * props.limit, props.limit)
          }
          onRowsPerPageChange={e => props.onPage(0, Number(e.target.value))}
          labelDisplayedRows={({ from, to, count }) =>
            `${from}–${to} of ${new Intl.NumberFormat('en-US').format(
              count,
            )} ${plural(count, 'service', 'services')}`
          }
        />
      </Box>
    </Paper>
  );
}
