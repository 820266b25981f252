import { mockCredentials, TestBackend } from '@backstage/backend-test-utils';
import { DemoCluster, startDemoCluster } from '@internal/demo-cluster';
import {
  FleetCostsResponse,
  TrafficResponse,
} from '@internal/plugin-model-scaling-common';
import request from 'supertest';
import { exampleModelServices } from './__testUtils__/exampleEntities';
import {
  eventually,
  startScalingBackend,
} from './__testUtils__/startScalingBackend';

jest.setTimeout(180_000);

const USER = mockCredentials.user.header('user:default/guest');
const QUERY =
  'sum(demo_requests_per_second{namespace="$namespace",deployment="$workload"})';

describe('traffic and fleet costs against the demo cluster', () => {
  let demo: DemoCluster;
  let backend: TestBackend;

  beforeAll(async () => {
    demo = await startDemoCluster({ port: 0 });
    backend = await startScalingBackend({
      clusters: [{ name: 'demo', url: demo.url, token: demo.token }],
      entities: exampleModelServices(),
      modelScaling: {
        costs: {
          enabled: true,
          gpuHourPrices: { 'NVIDIA-H200': { onDemand: 10.6, spot: 4.2 } },
        },
        traffic: {
          prometheus: {
            url: `${demo.url}/prometheus`,
            queries: {
              'realtime-cpu': QUERY,
              'realtime-gpu': QUERY,
              'async-batch': QUERY,
              bursty: QUERY,
            },
          },
        },
      },
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await demo?.stop();
  });

  const get = (path: string) =>
    request(backend.server)
      .get(`/api/model-scaling${path}`)
      .set('Authorization', USER);

  it("reads a service's day from Prometheus at the replay's step", async () => {
    const body: TrafficResponse = await eventually(async () => {
      const res = await get(
        '/v1/entities/default/component/image-classifier/traffic?range=24h',
      );
      return res.status === 200 && res.body.series && res.body;
    }, 60_000);
    expect(body.source).toBe('prometheus');
    expect(body.series!.stepSeconds).toBe(60);
    expect(body.series!.values).toHaveLength(1440);
    expect(body.problems).toEqual([]);
  });

  it('refuses seven days and one more with the configured maximum named', async () => {
    const res = await get(
      '/v1/entities/default/component/image-classifier/traffic?range=8d',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'longer than the configured maximum modelScaling.traffic.maxRange (7d)',
    );
  });

  it('replays every service for the fleet: GPU-hours, idle share, cost and the best saving, or why not', async () => {
    const body: FleetCostsResponse = await eventually(async () => {
      const res = await get('/v1/fleet/costs');
      return res.status === 200 && res.body.services.length === 4 && res.body;
    }, 90_000);
    expect(body.enabled).toBe(true);
    const row = (name: string) => body.services.find(s => s.name === name)!;
    // A CPU service holds no GPU: no figure, and the reason.
    expect(row('text-classifier').gpuHours).toBeUndefined();
    expect(row('text-classifier').problems.join()).toContain('requests no GPU');
    // image-classifier holds whole on-demand H200s: cost = GPU-hours × 10.6.
    const image = row('image-classifier');
    expect(image.gpuHours).toBeGreaterThan(24);
    expect(image.cost).toBeCloseTo(image.gpuHours! * 10.6, 6);
    expect(image.idleShare).toBeGreaterThan(0);
    expect(image.idleShare).toBeLessThan(1);
    expect(body.totals.gpuHours).toBeCloseTo(
      body.services.reduce((n, s) => n + (s.gpuHours ?? 0), 0),
      6,
    );
    for (const s of body.services) {
      // eslint-disable-next-line no-console
      console.log(
        `${s.name} (${s.pattern}): ${
          s.gpuHours?.toFixed(2) ?? '-'
        } GPU-h/day, idle ${
          s.idleShare !== undefined ? (s.idleShare * 100).toFixed(0) : '-'
        } %, cost ${s.cost?.toFixed(2) ?? '-'}; top saving: ${
          s.topSaving
            ? `${s.topSaving.title} (${s.topSaving.gpuHoursSavedPerDay.toFixed(
                2,
              )} GPU-h/day)`
            : 'none'
        }${s.problems.length ? `; problems: ${s.problems.join(' | ')}` : ''}`,
      );
    }
  });
});
