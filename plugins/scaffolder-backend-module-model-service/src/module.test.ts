import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { scaffolderModuleModelService } from './module';

describe('scaffolderModuleModelService', () => {
  it('registers the actions with the scaffolder, with their schemas and examples', async () => {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleModelService,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    const { port } = server.address() as { port: number };
    const response = await fetch(
      `http://localhost:${port}/api/scaffolder/v2/actions`,
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    const actions = new Map<string, any>(body.map((a: any) => [a.id, a]));
    for (const id of [
      'model-service:plan:create',
      'model-service:cluster:apply',
      'model-service:repo:publish-local',
      'model-service:fix:propose',
    ]) {
      const action = actions.get(id);
      expect(action).toBeDefined();
      expect(action.schema.input.type).toBe('object');
      expect(action.examples.length).toBeGreaterThan(0);
    }
    expect(
      actions.get('model-service:plan:create').schema.input.required,
    ).toEqual(
      expect.arrayContaining([
        'name',
        'owner',
        'framework',
        'modelSizeGb',
        'needsGpu',
        'latencySloMs',
        'peakRps',
        'trafficShape',
      ]),
    );
    expect(
      actions.get('model-service:cluster:apply').schema.input.required,
    ).toEqual(['cluster', 'namespace']);
  }, 60_000);

  it('does not start with invalid golden-path presets', async () => {
    await expect(
      startTestBackend({
        features: [
          scaffolderPlugin,
          scaffolderModuleModelService,
          catalogServiceMock.factory(),
          mockServices.rootConfig.factory({
            data: {
              modelScaling: {
                patterns: { 'realtime-cpu': { minReplicas: 'two' } },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/modelScaling\.patterns\.realtime-cpu\.minReplicas/);
  }, 60_000);
});
