import { JsonObject } from '@backstage/types';
import {
  mockServices,
  startTestBackend,
  createMockDirectory,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
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

  describe('local publishing stays local', () => {
    const outside = createMockDirectory({
      content: {
        'secret/catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: host-file
spec:
  type: service
  lifecycle: production
  owner: group:default/ml-platform
`,
      },
    });
    let port: number;

    beforeAll(async () => {
      await mkdir(join(published.path, 'linked'), { recursive: true });
      await symlink(
        join(outside.path, 'secret/catalog-info.yaml'),
        join(published.path, 'linked/catalog-info.yaml'),
      );
      await symlink(
        join(outside.path, 'secret'),
        join(published.path, 'linked-dir'),
      );
      const { server } = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleModelServiceLocalLocations,
          mockServices.rootConfig.factory({
            data: {
              modelScaling: {
                scaffolder: { localPublish: { baseDir: published.path } },
              },
            },
          }),
        ],
      });
      port = (server.address() as { port: number }).port;
    }, 60_000);

    /** The catalog's dry run reads the location now and returns its entities or errors. */
    async function dryRun(target: string) {
      const response = await fetch(
        `http://localhost:${port}/api/catalog/locations?dryRun=true`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'file', target }),
        },
      );
      const body = await response.json();
      return {
        status: response.status,
        names: (body.entities ?? [])
          .filter((e: any) => e.kind !== 'Location')
          .map((e: any) => e.metadata.name),
        error: body.error?.message as string | undefined,
      };
    }

    it('reads a catalog-info.yaml under the base directory', async () => {
      expect(
        await dryRun(`${published.path}/text-classifier/catalog-info.yaml`),
      ).toMatchObject({ status: 201, names: ['text-classifier'] });
    }, 60_000);

    it('local file location: does not read a file outside the base directory', async () => {
      const result = await dryRun(`${outside.path}/secret/catalog-info.yaml`);
      expect(result.names).toEqual([]);
      expect(result.error).toContain(
        'is not under modelScaling.scaffolder.localPublish.baseDir',
      );
    }, 60_000);

    it('local file location: does not follow .. out of the base directory', async () => {
      const result = await dryRun(
        `${published.path}/../${outside.path
          .split('/')
          .pop()}/secret/catalog-info.yaml`,
      );
      expect(result.names).toEqual([]);
      expect(result.error).toContain('is not under');
    }, 60_000);

    it('local file location: does not follow a symlink under the base directory to a file outside it', async () => {
      for (const target of [
        `${published.path}/linked/catalog-info.yaml`,
        `${published.path}/linked-dir/catalog-info.yaml`,
      ]) {
        const result = await dryRun(target);
        expect(result.names).toEqual([]);
        expect(result.error).toContain('is not under');
      }
    }, 60_000);

    it('local file location: refuses glob characters', async () => {
      const result = await dryRun(`${published.path}/*/catalog-info.yaml`);
      expect(result.names).toEqual([]);
      expect(result.error).toContain('glob characters');
    }, 60_000);
  });
});
