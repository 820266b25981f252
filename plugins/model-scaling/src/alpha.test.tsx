import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { ModelScalingApi, modelScalingApiRef } from './api/ModelScalingApi';
import {
  clustersResponse,
  fleetResponse,
  fleetPageResponse,
  modelServiceEntity,
  textClassifierStatus,
} from './__fixtures__';
import plugin from './alpha';

function mockApi(): ModelScalingApi {
  return {
    getEntityStatus: jest.fn(async () => textClassifierStatus),
    getFleet: jest.fn(async () => fleetResponse),
    getFleetPage: jest.fn(async () => fleetPageResponse),
    getClusters: jest.fn(async () => clustersResponse),
  };
}

const overridable = plugin as unknown as {
  getExtension(id: string): any;
};

describe('new frontend system plugin', () => {
  it('is a frontend plugin with the id model-scaling', () => {
    expect(plugin.$$type).toBe('@backstage/FrontendPlugin');
    expect(plugin.pluginId).toBe('model-scaling');
  });

  it('provides the Scaling entity tab, only for model services', () => {
    const tester = createExtensionTester(
      overridable.getExtension('entity-content:model-scaling/scaling'),
    );
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Scaling');
    expect(tester.get(coreExtensionData.routePath)).toBe('/scaling');
    const filter = tester.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    ) as (entity: Entity) => boolean;
    expect(filter(modelServiceEntity('text-classifier'))).toBe(true);
    expect(
      filter({ ...modelServiceEntity('x'), spec: { type: 'service' } }),
    ).toBe(false);
  });

  it('lazily renders the Scaling tab for an entity', async () => {
    const tester = createExtensionTester(
      overridable.getExtension('entity-content:model-scaling/scaling'),
    );
    const element = tester.get(coreExtensionData.reactElement);
    renderInTestApp(
      <EntityProvider entity={modelServiceEntity('text-classifier')}>
        {element}
      </EntityProvider>,
      { apis: [[modelScalingApiRef, mockApi()]] },
    );
    expect(
      (await screen.findAllByText('Scale-down waits the default 300 s'))[0],
    ).toBeInTheDocument();
  });

  it('serves the fleet page at /model-scaling with a nav title and icon', async () => {
    const page = createExtensionTester(
      overridable.getExtension('page:model-scaling'),
    );
    expect(page.get(coreExtensionData.routePath)).toBe('/model-scaling');
    expect(page.get(coreExtensionData.title)).toBe('Model scaling');
    expect(page.get(coreExtensionData.icon)).toBeDefined();

    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/model-scaling'],
      // The catalog's entity page, which the links point into.
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [[modelScalingApiRef, mockApi()]],
    });
    expect(
      await screen.findByRole('link', { name: 'Summarizer' }),
    ).toHaveAttribute('href', '/catalog/default/component/summarizer/scaling');
  });

  it('installs the API client', () => {
    expect(overridable.getExtension('api:model-scaling')).toBeDefined();
  });
});
