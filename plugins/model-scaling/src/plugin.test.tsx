import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { ModelScalingApi, modelScalingApiRef } from './api/ModelScalingApi';
import {
  clustersResponse,
  fleetResponse,
  fleetPageResponse,
  imageClassifierStatus,
  modelServiceEntity,
} from './__fixtures__';
import {
  EntityModelScalingContent,
  ModelScalingPage,
  modelScalingPlugin,
} from './plugin';
import { rootRouteRef } from './routes';

function mockApi(): ModelScalingApi {
  return {
    getEntityStatus: jest.fn(async () => imageClassifierStatus),
    getFleet: jest.fn(async () => fleetResponse),
    getFleetPage: jest.fn(async () => fleetPageResponse),
    getClusters: jest.fn(async () => clustersResponse),
  };
}

describe('legacy frontend system plugin', () => {
  it('is the model-scaling plugin with its API and route', () => {
    expect(modelScalingPlugin.getId()).toBe('model-scaling');
    expect(modelScalingPlugin.routes.root).toBe(rootRouteRef);
    expect(
      [...modelScalingPlugin.getApis()].map(factory => factory.api.id),
    ).toEqual([modelScalingApiRef.id]);
  });

  it('renders the Scaling tab for an entity', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[modelScalingApiRef, mockApi()]]}>
        <EntityProvider entity={modelServiceEntity('image-classifier')}>
          <Routes>
            <Route path="/scaling" element={<EntityModelScalingContent />} />
          </Routes>
        </EntityProvider>
      </TestApiProvider>,
      { routeEntries: ['/scaling'] },
    );
    expect(
      await screen.findByTestId('model-scaling-verdict'),
    ).toHaveTextContent('On the golden path');
  });

  it('renders the fleet page with its own header', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[modelScalingApiRef, mockApi()]]}>
        <Routes>
          <Route path="/model-scaling" element={<ModelScalingPage />} />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/model-scaling'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByText('Are all our model services on the golden path?'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'Batch embedder' }),
    ).toBeInTheDocument();
  });
});
