import {
  InfoCard,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApiHolder } from '@backstage/core-plugin-api';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import {
  FleetCostRow,
  FleetCostsResponse,
} from '@internal/plugin-model-scaling-common';
import useAsync from 'react-use/esm/useAsync';
import { modelScalingApiRef } from '../../api/ModelScalingApi';
import { formatMoney } from '../CostCard/formatCost';
import { formatNumber } from '../shared/format';
import { fleetCostsCsv } from './fleetCostsCsv';

/** How many services the top-savings table lists. */
const TOP_SAVINGS = 5;

function downloadCsv(costs: FleetCostsResponse) {
  const blob = new Blob([fleetCostsCsv(costs)], {
    type: 'text/csv;charset=utf-8',
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `model-services-gpu-costs-${costs.generatedAt.slice(0, 10)}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

function Figure(props: { label: string; value: string; detail?: string }) {
  return (
    <Box role="group" aria-label={props.label}>
      <Typography variant="caption" color="textSecondary" component="p">
        {props.label}
      </Typography>
      <Typography variant="h5" component="p">
        {props.value}
      </Typography>
      {props.detail && (
        <Typography variant="caption" color="textSecondary" component="p">
          {props.detail}
        </Typography>
      )}
    </Box>
  );
}

/** The fleet's GPU costs as the page shows them; exported for tests. */
export function FleetCostView(props: { costs: FleetCostsResponse }) {
  const { costs } = props;
  const { totals, currency } = costs;
  const top = costs.services
    .filter(s => s.topSaving && s.topSaving.gpuHoursSavedPerDay > 0)
    .slice(0, TOP_SAVINGS);
  const columns: TableColumn<FleetCostRow>[] = [
    { title: 'Service', field: 'name' },
    { title: 'Pattern', field: 'pattern' },
    { title: 'Change', render: r => r.topSaving?.title },
    {
      title: 'GPU-h saved / day',
      render: r => formatNumber(r.topSaving?.gpuHoursSavedPerDay ?? 0, 2),
    },
    {
      title: `Saved / day`,
      render: r =>
        formatMoney(r.topSaving?.costSavedPerDay, currency) ?? 'no price',
    },
  ];
  const missing = totals.services - totals.servicesWithFigures;
  return (
    <InfoCard
      title="GPU cost of the fleet"
      subheader={`Each service's last 24 h of traffic replayed through its autoscaler (${totals.servicesWithFigures} of ${totals.services} services have figures)`}
      action={
        <Button
          variant="outlined"
          size="small"
          onClick={() => downloadCsv(costs)}
        >
          Export CSV
        </Button>
      }
    >
      <Grid container spacing={3}>
        <Grid item xs={6} md={3}>
          <Figure
            label="GPU-hours (24 h)"
            value={formatNumber(totals.gpuHours, 1)}
            detail={`${formatNumber(
              totals.gpuHoursNeeded,
              1,
            )} needed by the load`}
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <Figure
            label="Idle share"
            value={
              totals.idleShare !== undefined
                ? `${formatNumber(totals.idleShare * 100, 0)} %`
                : '—'
            }
            detail="GPU time held that the load did not need"
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <Figure
            label="Cost (24 h)"
            value={formatMoney(totals.cost, currency) ?? '—'}
            detail={
              totals.cost === undefined
                ? 'a service has no price: see the CSV'
                : undefined
            }
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <Figure
            label="Top savings"
            value={`${formatNumber(totals.gpuHoursSavedPerDay, 2)} GPU-h / day`}
            detail="changes that keep the SLO, replayed on each service's traffic"
          />
        </Grid>
      </Grid>
      {missing > 0 && (
        <Typography variant="body2" color="textSecondary">
          {missing} service(s) without figures:{' '}
          {costs.services
            .filter(s => s.gpuHours === undefined)
            .map(s => `${s.name} (${s.problems[0] ?? 'no data'})`)
            .join('; ')}
        </Typography>
      )}
      <Box mt={2}>
        {top.length > 0 ? (
          <Table<FleetCostRow>
            title="Top savings across services"
            // Ranked by the saving already; no sortable headers (material-table nests its sort
            // button in a button, which axe reports as nested-interactive).
            options={{
              paging: false,
              search: false,
              sorting: false,
              padding: 'dense',
            }}
            columns={columns}
            data={top}
          />
        ) : (
          <Typography variant="body2">
            No change saves GPU-hours without missing the SLO on the last day's
            traffic.
          </Typography>
        )}
      </Box>
    </InfoCard>
  );
}

/**
 * The fleet page's cost section (`GET /v1/fleet/costs`): fleet GPU-hours,
 * idle share, cost, the top savings across services, and a CSV export.
 * One line when `modelScaling.costs` is off; nothing against a backend
 * without GPU economics.
 */
export function FleetCost() {
  const api = useApiHolder().get(modelScalingApiRef);
  const state = useAsync(
    async () => (api?.getFleetCosts ? api.getFleetCosts() : undefined),
    [api],
  );
  if (state.loading) return <Progress />;
  if (state.error) {
    return (
      <Typography color="error">
        Fleet costs could not be read: {state.error.message}
      </Typography>
    );
  }
  const costs = state.value;
  if (!costs) return null;
  if (!costs.enabled) {
    return (
      <Typography variant="body2" color="textSecondary">
        GPU costs are off: a platform team turns them on with GPU-hour prices in{' '}
        <code>modelScaling.costs</code>.
      </Typography>
    );
  }
  return <FleetCostView costs={costs} />;
}
