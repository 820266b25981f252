import { DemoCluster, startDemoCluster } from '../startDemoCluster';

jest.setTimeout(60_000);

describe('the demo cluster with a write token', () => {
  let cluster: DemoCluster;

  beforeAll(async () => {
    cluster = await startDemoCluster({
      port: 0,
      clock: 'manual',
      writeToken: 'demo-write-token',
    });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'write-token-test', namespace: 'ml-serving' },
    data: { a: 'b' },
  };

  function request(method: string, token: string, path: string) {
    return fetch(`${cluster.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: method === 'POST' ? JSON.stringify(configMap) : undefined,
    });
  }

  it('lets the read token read but not write, like a read-only ClusterRole', async () => {
    expect(
      (
        await request(
          'GET',
          cluster.token,
          '/api/v1/namespaces/ml-serving/pods',
        )
      ).status,
    ).toBe(200);
    const write = await request(
      'POST',
      cluster.token,
      '/api/v1/namespaces/ml-serving/configmaps',
    );
    expect(write.status).toBe(403);
    expect((await write.json()).message).toContain(
      'the read identity may only read',
    );
  });

  it('lets the write token read and write', async () => {
    expect(cluster.writeToken).toBe('demo-write-token');
    expect(
      (
        await request(
          'POST',
          'demo-write-token',
          '/api/v1/namespaces/ml-serving/configmaps',
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await request(
          'GET',
          'demo-write-token',
          '/api/v1/namespaces/ml-serving/configmaps/write-token-test',
        )
      ).status,
    ).toBe(200);
    expect(
      (await request('GET', 'other', '/api/v1/namespaces/ml-serving/pods'))
        .status,
    ).toBe(401);
  });
});
