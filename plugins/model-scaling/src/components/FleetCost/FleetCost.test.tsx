import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ModelScalingApi, modelScalingApiRef } from '../../api/ModelScalingApi';
import { mockModelScalingApi } from '../../__fixtures__/modelScalingApi';
import { FleetCost } from './FleetCost';
import { fleetCosts } from './fleetCosts.fixture';

function api(getFleetCosts: ModelScalingApi['getFleetCosts']): ModelScalingApi {
  return mockModelScalingApi({ getFleetCosts });
}

const render = (a: ModelScalingApi) =>
  renderInTestApp(
    <TestApiProvider apis={[[modelScalingApiRef, a]]}>
      <FleetCost />
    </TestApiProvider>,
  );

describe('FleetCost', () => {
  it('shows the fleet totals, the top savings and why a service has no figures', async () => {
    await render(api(async () => fleetCosts));
    const hours = await screen.findByRole('group', {
      name: 'GPU-hours (24 h)',
    });
    expect(within(hours).getByText('103.9')).toBeInTheDocument();
    expect(
      within(screen.getByRole('group', { name: 'Idle share' })).getByText(
        '11 %',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('group', { name: 'Cost (24 h)' })).getByText(
        '$1,101',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Scale down after 60 s instead of 300 s'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /text-classifier \(ml-serving\/text-classifier: the workload requests no GPU/,
      ),
    ).toBeInTheDocument();
  });

  it('exports the rows as a CSV file', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = jest.fn((b: Blob) => {
      created.push(b);
      return 'blob:costs';
    });
    URL.revokeObjectURL = jest.fn();
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await render(api(async () => fleetCosts));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export CSV' }),
    );
    expect(click).toHaveBeenCalled();
    expect(created[0].type).toBe('text/csv;charset=utf-8');
    expect(await created[0].text()).toMatch(/^entity,pattern,gpu_hours_24h/);
  });

  it('says in one line that costs are off', async () => {
    await render(api(async () => ({ ...fleetCosts, enabled: false })));
    expect(await screen.findByText(/GPU costs are off/)).toBeInTheDocument();
  });
});
