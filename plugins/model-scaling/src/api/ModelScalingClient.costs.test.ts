import { ResponseError } from '@backstage/errors';
import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ModelScalingClient } from './ModelScalingClient';

const baseUrl = 'http://backstage.test/api/model-scaling';
const server = setupServer();

describe('ModelScalingClient traffic and costs', () => {
  registerMswTestHooks(server);
  const client = new ModelScalingClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://backstage.test/api/${pluginId}`,
    },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  it("asks for a service's traffic over a range", async () => {
    let range: string | null = null;
    server.use(
      http.get(
        `${baseUrl}/v1/entities/default/component/image-classifier/traffic`,
        ({ request }) => {
          range = new URL(request.url).searchParams.get('range');
          return HttpResponse.json({
            entityRef: 'component:default/image-classifier',
            range: '7d',
            rangeSeconds: 604800,
            problems: [],
          });
        },
      ),
    );
    await expect(
      client.getTraffic('component:default/image-classifier', '7d'),
    ).resolves.toMatchObject({ range: '7d' });
    expect(range).toBe('7d');
  });

  it('reads the fleet costs and refuses an answer without services', async () => {
    server.use(
      http.get(`${baseUrl}/v1/fleet/costs`, () =>
        HttpResponse.json({ enabled: false }),
      ),
    );
    await expect(client.getFleetCosts()).rejects.toThrow(
      'Invalid FleetCostsResponse from the model-scaling backend: "services" must be an array',
    );
  });

  it("passes the backend's error on", async () => {
    server.use(
      http.get(`${baseUrl}/v1/costs/settings`, () =>
        HttpResponse.json(
          { error: { name: 'AuthenticationError', message: 'no' } },
          { status: 401 },
        ),
      ),
    );
    await expect(client.getCostSettings()).rejects.toBeInstanceOf(
      ResponseError,
    );
  });
});
