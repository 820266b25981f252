import { ConfigReader } from '@backstage/config';
import { readClusterConfigs } from './readClusterConfigs';

const noInCluster = { readInClusterToken: () => undefined };

describe('readClusterConfigs', () => {
  it('reads config clusters with service account tokens and TLS settings', () => {
    const clusters = readClusterConfigs(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'demo',
                  url: 'http://127.0.0.1:7480/',
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 'demo-token',
                  skipTLSVerify: true,
                },
                {
                  name: 'prod',
                  url: 'https://k8s.example.com',
                  authMetadata: {
                    'kubernetes.io/auth-provider': 'serviceAccount',
                    serviceAccountToken: 'prod-token',
                  },
                  caData: 'LS0tLS1CRUdJTg==',
                },
              ],
            },
          ],
        },
      }),
      noInCluster,
    );
    expect(clusters).toEqual([
      expect.objectContaining({
        name: 'demo',
        url: 'http://127.0.0.1:7480',
        auth: { type: 'serviceAccount', token: 'demo-token' },
        skipTLSVerify: true,
      }),
      expect.objectContaining({
        name: 'prod',
        url: 'https://k8s.example.com',
        auth: { type: 'serviceAccount', token: 'prod-token' },
        skipTLSVerify: false,
        caData: 'LS0tLS1CRUdJTg==',
      }),
    ]);
  });

  it('maps localKubectlProxy to http://localhost:8001 without auth', () => {
    const clusters = readClusterConfigs(
      new ConfigReader({
        kubernetes: { clusterLocatorMethods: [{ type: 'localKubectlProxy' }] },
      }),
      noInCluster,
    );
    expect(clusters).toEqual([
      expect.objectContaining({
        name: 'local',
        url: 'http://localhost:8001',
        auth: { type: 'none' },
      }),
    ]);
  });

  it('uses the in-cluster token when serviceAccount has no token', () => {
    const [cluster] = readClusterConfigs(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'self',
                  url: 'https://kubernetes.default.svc',
                  authProvider: 'serviceAccount',
                },
              ],
            },
          ],
        },
      }),
      { readInClusterToken: () => 'mounted' },
    );
    expect(cluster.auth).toEqual({ type: 'serviceAccount', token: 'mounted' });
  });

  it('keeps clusters with unsupported auth providers, with a config error', () => {
    const [cluster] = readClusterConfigs(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'eks',
                  url: 'https://eks.example',
                  authProvider: 'aws',
                },
              ],
            },
          ],
        },
      }),
      noInCluster,
    );
    expect(cluster.configError).toMatch(/authProvider 'aws' is not supported/);
  });

  it('warns about and skips locator types it does not read', () => {
    const warn = jest.fn();
    const clusters = readClusterConfigs(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [{ type: 'gke', projectId: 'p' }],
        },
      }),
      { ...noInCluster, warn },
    );
    expect(clusters).toEqual([]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining("kubernetes.clusterLocatorMethods[0].type 'gke'"),
    );
  });

  it.each([
    [{ url: 'https://x', authProvider: 'serviceAccount' }, 'clusters[0].name'],
    [
      { name: 'a', authProvider: 'serviceAccount', serviceAccountToken: 't' },
      'clusters[0].url',
    ],
    [
      { name: 'a', url: 'nope', authProvider: 'serviceAccount' },
      'clusters[0].url',
    ],
    [
      { name: 'a', url: 'ftp://x', authProvider: 'serviceAccount' },
      'clusters[0].url',
    ],
    [{ name: 'a', url: 'https://x' }, 'clusters[0]'],
    [
      { name: 'a', url: 'https://x', authProvider: 'serviceAccount' },
      'clusters[0].serviceAccountToken',
    ],
    [
      {
        name: 'a',
        url: 'https://x',
        authProvider: 'serviceAccount',
        serviceAccountToken: 't',
        caData: 'not base64!',
      },
      'clusters[0].caData',
    ],
  ])('names the key of a malformed cluster %j', (cluster, key) => {
    expect(() =>
      readClusterConfigs(
        new ConfigReader({
          kubernetes: {
            clusterLocatorMethods: [{ type: 'config', clusters: [cluster] }],
          },
        }),
        noInCluster,
      ),
    ).toThrow(`kubernetes.clusterLocatorMethods[0].${key}`);
  });

  it('rejects duplicate cluster names', () => {
    const c = {
      name: 'a',
      url: 'https://x',
      authProvider: 'serviceAccount',
      serviceAccountToken: 't',
    };
    expect(() =>
      readClusterConfigs(
        new ConfigReader({
          kubernetes: {
            clusterLocatorMethods: [{ type: 'config', clusters: [c, c] }],
          },
        }),
        noInCluster,
      ),
    ).toThrow(/duplicate cluster name 'a'/);
  });
});
