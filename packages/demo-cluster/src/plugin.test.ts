import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { demoClusterPlugin } from './plugin';

// Starting a cluster runs minutes of simulation; a busy machine needs more than 5 s.
jest.setTimeout(60_000);

describe('demoClusterPlugin', () => {
  it('serves the demo cluster while the backend runs when enabled, and stops it on shutdown', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const backend = await startTestBackend({
      features: [
        demoClusterPlugin,
        mockServices.rootConfig.factory({
          data: {
            demoCluster: {
              enabled: true,
              port,
              token: 'plugin-token',
              warmupSeconds: 0,
            },
          },
        }),
      ],
    });
    const url = `http://127.0.0.1:${port}/api/v1/namespaces`;
    const response = await fetch(url, {
      headers: { Authorization: 'Bearer plugin-token' },
    });
    expect(response.status).toBe(200);
    expect(
      (await response.json()).items.map((n: any) => n.metadata.name),
    ).toContain('ml-serving');
    await backend.stop();
    await expect(
      fetch(url, { headers: { Authorization: 'Bearer plugin-token' } }),
    ).rejects.toThrow();
  });

  it('does not listen when disabled', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const backend = await startTestBackend({
      features: [
        demoClusterPlugin,
        mockServices.rootConfig.factory({ data: { demoCluster: { port } } }),
      ],
    });
    await expect(fetch(`http://127.0.0.1:${port}/version`)).rejects.toThrow();
    await backend.stop();
  });
});
