import { JsonObject } from '@backstage/types';
import {
  mockServices,
  startTestBackend,
  createMockDirectory,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogModuleModelServiceLocalLocations } from './catalogModule';

describe('catalogModuleModelServiceLocalLocations', () => {
  const published = createMockDirectory({
    content: {
      'text-classifier/catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: text-classifier
spec:
  type: model-service
  lifecycle: experimental
  owner: group:default/ml-platform
`,
    },
  });

  async function registerFileLocation(config: JsonObject) {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleModelServiceLocalLocations,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    const { port } = server.address() as { port: number };
    const response = await fetch(
      `http://localhost:${port}/api/catalog/locations`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'file',
          target: `${published.path}/text-classifier/catalog-info.yaml`,
        }),
      },
    );
    return { status: response.status, body: await response.json() };
  }

  it('lets the catalog API register file locations when localPublish is configured', async () => {
    const { status, body } = await registerFileLocation({
      modelScaling: {
        scaffolder: { localPublish: { baseDir: published.path } },
      },
    });
    expect(status).toBe(201);
    expect(body.location).toMatchObject({
      type: 'file',
      target: `${published.path}/text-classifier/catalog-info.yaml`,
    });
  }, 60_000);

  it('leaves the catalog at url-only locations without localPublish', async () => {
    const { status, body } = await registerFileLocation({});
    expect(status).toBe(400);
    expect(body.error.message).toBe(
      'Registered locations must be of an allowed type ["url"]',
    );
  }, 60_000);
});
