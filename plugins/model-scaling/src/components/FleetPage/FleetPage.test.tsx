import { ResponseError } from '@backstage/errors';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ModelScalingApi, modelScalingApiRef } from '../../api/ModelScalingApi';
import { mockModelScalingApi } from '../../__fixtures__/modelScalingApi';
import { clustersResponse, fleetPageResponse } from '../../__fixtures__';
import { FleetPage } from './FleetPage';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function api(overrides: Partial<ModelScalingApi> = {}): ModelScalingApi {
  return mockModelScalingApi({
    getFleetPage: jest.fn(async () => fleetPageResponse),
    getClusters: jest.fn(async () => clustersResponse),
    ...overrides,
  });
}

describe('FleetPage', () => {
  it('asks the backend for one page, worst first, and shows the totals and the services', async () => {
    const a = api();
    await renderInTestApp(
      <TestApiProvider apis={[[modelScalingApiRef, a]]}>
        <FleetPage />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(await screen.findByText('demo: in sync')).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'Text classifier' }),
    ).toBeInTheDocument();
    expect(a.getFleetPage).toHaveBeenCalledWith(
      { offset: 0, limit: 50, sort: 'verdict', order: 'asc' },
      expect.anything(),
    );
    const totals = screen.getByRole('region', { name: 'Fleet totals' });
    expect(
      within(totals).getByRole('group', { name: '5 services' }),
    ).toBeInTheDocument();
    expect(
      within(totals).getByRole('group', { name: '1 service failing' }),
    ).toBeInTheDocument();
    expect(
      within(totals).getByRole('group', { name: '2 services at risk' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Are all our model services on the golden path?'),
    ).not.toBeInTheDocument();
  });

  it('filters on the backend: the search is sent after a pause, from the first page', async () => {
    const a = api();
    await renderInTestApp(
      <TestApiProvider apis={[[modelScalingApiRef, a]]}>
        <FleetPage />
      </TestApiProvider>,
      { mountedRoutes },
    );
    await screen.findByRole('link', { name: 'Text classifier' });
    await userEvent.type(screen.getByLabelText('Search services'), 'embed');
    await waitFor(() =>
      expect(a.getFleetPage).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'embed', offset: 0 }),
        expect.anything(),
      ),
    );
  });

  it('offers row selection and the selected rows to actions when given', async () => {
    const action = jest.fn(() => <span>Bring to preset</span>);
    await renderInTestApp(
      <TestApiProvider apis={[[modelScalingApiRef, api()]]}>
        <FleetPage selectionActions={action} />
      </TestApiProvider>,
      { mountedRoutes },
    );
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'Select Summarizer' }),
    );
    expect(screen.getByText('1 service selected')).toBeInTheDocument();
    expect(screen.getByText('Bring to preset')).toBeInTheDocument();
    expect(action).toHaveBeenLastCalledWith(
      [expect.objectContaining({ name: 'summarizer' })],
      expect.any(Function),
    );
  });

  it('brings its own header for the legacy system', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[modelScalingApiRef, api()]]}>
        <FleetPage withHeader />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText('Are all our model services on the golden path?'),
    ).toBeInTheDocument();
  });

  it('shows the backend error and still the cluster health', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'Error', message: 'catalog unavailable' },
          request: { method: 'GET', url: '/v1/fleet' },
          response: { statusCode: 503 },
        }),
        {
          status: 503,
          statusText: 'Service Unavailable',
          headers: { 'Content-Type': 'application/json' },
        },
      ),
    );
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            modelScalingApiRef,
            api({ getFleetPage: jest.fn(() => Promise.reject(error)) }),
          ],
        ]}
      >
        <FleetPage />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      (await screen.findAllByText(/catalog unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(await screen.findByText('demo: in sync')).toBeInTheDocument();
  });
});
