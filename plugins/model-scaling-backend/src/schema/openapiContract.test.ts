import { mockCredentials, TestBackend } from '@backstage/backend-test-utils';
import { DemoCluster, startDemoCluster } from '@internal/demo-cluster';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { exampleModelServices } from '../__testUtils__/exampleEntities';
import {
  eventually,
  startScalingBackend,
} from '../__testUtils__/startScalingBackend';
import { spec } from './openapi';

jest.setTimeout(180_000);

const USER = mockCredentials.user.header('user:default/guest');

/** Ajv with the spec loaded; OpenAPI 3.0 schemas are JSON Schema plus `nullable` and `example`, which non-strict mode accepts. */
function specValidator(pointer: string) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(spec as object, 'spec');
  return ajv.compile({ $ref: `spec#${pointer}` });
}

/** Checks the answer of `method path` for `status` against the spec's schema of it. */
function answerValidator(path: string, method: 'get' | 'post', status: string) {
  return specValidator(
    `/paths/${path.replace(
      /\//g,
      '~1',
    )}/${method}/responses/${status}/content/application~1json/schema`,
  );
}

function expectValid(path: string, status: string, body: unknown) {
  const validate = answerValidator(path, 'get', status);
  const valid = validate(body);
  // The errors name the field and the schema rule it breaks.
  expect(valid ? [] : validate.errors).toEqual([]);
}

describe('the answers of the routes match openapi.yaml', () => {
  let demo: DemoCluster;
  let backend: TestBackend;
  const get = (url: string) =>
    request(backend.server)
      .get(`/api/model-scaling${url}`)
      .set('Authorization', USER);

  beforeAll(async () => {
    demo = await startDemoCluster({ port: 0 });
    backend = await startScalingBackend({
      clusters: [{ name: 'demo', url: demo.url, token: demo.token }],
      entities: exampleModelServices(),
    });
    await eventually(
      async () => (await get('/v1/clusters')).body.clusters?.[0]?.synced,
      30_000,
      'demo cluster synced',
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await demo?.stop();
  });

  it('catches an answer that breaks the spec', () => {
    const validate = answerValidator('/v1/clusters', 'get', '200');
    expect(validate({ clusters: [{ name: 'demo', synced: 'yes' }] })).toBe(
      false,
    );
    expect(validate.errors?.map(e => e.instancePath)).toContain(
      '/clusters/0/synced',
    );
  });

  it('GET /v1/clusters', async () => {
    const res = await get('/v1/clusters');
    expect(res.status).toBe(200);
    expectValid('/v1/clusters', '200', res.body);
  });

  it.each(exampleModelServices().map(e => e.metadata.name))(
    'GET /v1/entities/{namespace}/{kind}/{name}/status of %s',
    async name => {
      const res = await get(`/v1/entities/default/component/${name}/status`);
      expect(res.status).toBe(200);
      expectValid(
        '/v1/entities/{namespace}/{kind}/{name}/status',
        '200',
        res.body,
      );
    },
  );

  it('GET /v1/fleet and the deprecated GET /v1/services', async () => {
    const page = await get('/v1/fleet?limit=200');
    expect(page.status).toBe(200);
    expect(page.body.rows.length).toBeGreaterThan(0);
    expectValid('/v1/fleet', '200', page.body);
    const services = await get('/v1/services');
    expect(services.status).toBe(200);
    expectValid('/v1/services', '200', services.body);
  });

  it('GET /v1/entities/{namespace}/{kind}/{name}/traffic, /v1/costs/settings and /v1/fleet/costs', async () => {
    const [name] = exampleModelServices().map(e => e.metadata.name);
    const traffic = await get(
      `/v1/entities/default/component/${name}/traffic?range=24h`,
    );
    expect(traffic.status).toBe(200);
    expectValid(
      '/v1/entities/{namespace}/{kind}/{name}/traffic',
      '200',
      traffic.body,
    );
    const settings = await get('/v1/costs/settings');
    expect(settings.status).toBe(200);
    expectValid('/v1/costs/settings', '200', settings.body);
    const costs = await get('/v1/fleet/costs');
    expect(costs.status).toBe(200);
    expectValid('/v1/fleet/costs', '200', costs.body);
  });

  it('an error answer has the spec Error shape', async () => {
    const res = await get('/v1/entities/default/component/no-such/status');
    expect(res.status).toBe(404);
    const validate = specValidator('/components/schemas/Error');
    expect(validate(res.body)).toBe(true);
    expect(res.body.error.name).toBe('NotFoundError');
  });
});
