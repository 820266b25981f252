import { ResponseError } from '@backstage/errors';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ModelScalingApi, modelScalingApiRef } from '../../api/ModelScalingApi';
import { clustersResponse, fleetResponse } from '../../__fixtures__';
import { FleetPage } from './FleetPage';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function api(overrides: Partial<ModelScalingApi> = {}): ModelScalingApi {
  return {
    getEntityStatus: jest.fn(),
    getFleet: jest.fn(async () => fleetResponse),
    getClusters: jest.fn(async () => clustersResponse),
    ...overrides,
  };
}

describe('FleetPage', () => {
  it('shows cluster health and the services', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[modelScalingApiRef, api()]]}>
        <FleetPage />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(await screen.findByText('demo: in sync')).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'Text classifier' }),
    ).toBeInTheDocument();
    // The new frontend system draws the page header itself.
    expect(
      screen.queryByText('Are all our model services on the golden path?'),
    ).not.toBeInTheDocument();
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
          request: { method: 'GET', url: '/v1/services' },
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
            api({ getFleet: jest.fn(() => Promise.reject(error)) }),
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
