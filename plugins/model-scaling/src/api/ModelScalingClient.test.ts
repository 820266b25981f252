import { ResponseError } from '@backstage/errors';
import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  clustersResponse,
  fleetResponse,
  imageClassifierStatus,
} from '../__fixtures__';
import { ModelScalingClient } from './ModelScalingClient';

const baseUrl = 'http://backstage.test/api/model-scaling';
const server = setupServer();

describe('ModelScalingClient', () => {
  registerMswTestHooks(server);

  const fetchSpy = jest.fn((input: RequestInfo | URL, init?: RequestInit) =>
    fetch(input, init),
  );
  const client = new ModelScalingClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://backstage.test/api/${pluginId}`,
    },
    fetchApi: { fetch: fetchSpy },
  });

  beforeEach(() => fetchSpy.mockClear());

  it('reads the status of an entity by its ref string', async () => {
    let seenAccept: string | null = null;
    server.use(
      http.get(
        `${baseUrl}/v1/entities/default/component/image-classifier/status`,
        ({ request }) => {
          seenAccept = request.headers.get('accept');
          return HttpResponse.json(imageClassifierStatus);
        },
      ),
    );

    const status = await client.getEntityStatus(
      'component:default/image-classifier',
    );

    expect(status).toEqual(imageClassifierStatus);
    expect(seenAccept).toBe('application/json');
    // Through the app's fetchApi, which carries the user's credentials.
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it('accepts a compound ref, lower-cases the kind and encodes each part', async () => {
    server.use(
      http.get(
        `${baseUrl}/v1/entities/team%20a/component/my%2Fsvc/status`,
        () => HttpResponse.json(imageClassifierStatus),
      ),
    );

    await expect(
      client.getEntityStatus({
        kind: 'Component',
        namespace: 'team a',
        name: 'my/svc',
      }),
    ).resolves.toMatchObject({
      entityRef: 'component:default/image-classifier',
    });
  });

  it('reads an entity’s history, all of it or after a time', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.get(
        `${baseUrl}/v1/entities/default/component/image-classifier/history`,
        ({ request }) => {
          seen.push(new URL(request.url).searchParams.get('after'));
          return HttpResponse.json({
            entityRef: 'component:default/image-classifier',
            generatedAt: '2026-12-04T10:00:00.000Z',
            windowStart: '2026-12-04T09:00:00.000Z',
            workloads: [],
          });
        },
      ),
    );
    await client.getEntityHistory('component:default/image-classifier');
    await client.getEntityHistory('component:default/image-classifier', {
      after: '2026-12-04T09:59:45.000+01:00',
    });
    expect(seen).toEqual([null, '2026-12-04T09:59:45.000+01:00']);
  });

  it('defaults the namespace of a short ref', async () => {
    server.use(
      http.get(
        `${baseUrl}/v1/entities/default/component/summarizer/status`,
        () => HttpResponse.json(imageClassifierStatus),
      ),
    );
    await expect(
      client.getEntityStatus('component:summarizer'),
    ).resolves.toBeDefined();
  });

  it('reads the fleet and the clusters', async () => {
    server.use(
      http.get(`${baseUrl}/v1/services`, () =>
        HttpResponse.json(fleetResponse),
      ),
      http.get(`${baseUrl}/v1/clusters`, () =>
        HttpResponse.json(clustersResponse),
      ),
    );

    await expect(client.getFleet()).resolves.toEqual(fleetResponse);
    await expect(client.getClusters()).resolves.toEqual(clustersResponse);
  });

  it('turns a 404 into a ResponseError carrying the backend error', async () => {
    server.use(
      http.get(`${baseUrl}/v1/entities/default/component/nope/status`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'No entity named component:default/nope',
            },
            request: {
              method: 'GET',
              url: '/v1/entities/default/component/nope/status',
            },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );

    const error = await client
      .getEntityStatus('component:default/nope')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.body.error.name).toBe('NotFoundError');
    expect(error.cause.message).toBe('No entity named component:default/nope');
  });

  it('turns a 500 without a JSON body into a ResponseError', async () => {
    server.use(
      http.get(
        `${baseUrl}/v1/services`,
        () => new HttpResponse('upstream exploded', { status: 500 }),
      ),
    );

    const error = await client.getFleet().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(500);
  });

  it('rejects a 200 answer that is not the documented shape, naming the field', async () => {
    server.use(
      http.get(`${baseUrl}/v1/services`, () =>
        HttpResponse.json({ generatedAt: 'x', rows: [] }),
      ),
      http.get(`${baseUrl}/v1/clusters`, () => HttpResponse.json([])),
    );

    await expect(client.getFleet()).rejects.toThrow(
      'Invalid FleetResponse from the model-scaling backend: "services" must be an array',
    );
    await expect(client.getClusters()).rejects.toThrow(
      'Invalid ClustersResponse from the model-scaling backend: expected a JSON object',
    );
  });

  it('passes the abort signal through', async () => {
    server.use(
      http.get(`${baseUrl}/v1/clusters`, () =>
        HttpResponse.json(clustersResponse),
      ),
    );
    const controller = new AbortController();
    controller.abort();
    await expect(
      client.getClusters({ signal: controller.signal }),
    ).rejects.toThrow(/abort/i);
  });
});
