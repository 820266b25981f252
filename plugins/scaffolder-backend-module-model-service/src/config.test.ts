import { ConfigReader } from '@backstage/config';
import { DEFAULT_PATTERN_PRESETS } from '@internal/plugin-model-scaling-common';
import { readModelServiceScaffolderConfig } from './config';

describe('readModelServiceScaffolderConfig', () => {
  it('reads allowed targets, local publishing, clusters and presets', () => {
    const options = readModelServiceScaffolderConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'demo',
                  url: 'http://127.0.0.1:7480',
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 'demo-token',
                  skipTLSVerify: true,
                },
                {
                  name: 'prod',
                  url: 'https://prod.example:6443',
                  authProvider: 'serviceAccount',
                  caData: 'LS0tLS1CRUdJTg==',
                },
              ],
            },
            { type: 'localKubectlProxy' },
            { type: 'catalog' },
          ],
        },
        modelScaling: {
          scaffolder: {
            allowedTargets: [{ cluster: 'demo', namespace: 'ml-serving' }],
            localPublish: { baseDir: '/tmp/model-services' },
          },
          patterns: { bursty: { coldStartBudgetSeconds: 90 } },
        },
        scaffolder: {
          defaultAuthor: { name: 'Platform', email: 'platform@example.com' },
        },
      }),
    );
    expect(options.allowedTargets).toEqual([
      { cluster: 'demo', namespace: 'ml-serving' },
    ]);
    expect(options.localPublish).toEqual({ baseDir: '/tmp/model-services' });
    expect(options.clusters).toEqual([
      {
        name: 'demo',
        url: 'http://127.0.0.1:7480',
        serviceAccountToken: 'demo-token',
        caData: undefined,
        caFile: undefined,
        skipTLSVerify: true,
      },
      {
        name: 'prod',
        url: 'https://prod.example:6443',
        serviceAccountToken: undefined,
        caData: 'LS0tLS1CRUdJTg==',
        caFile: undefined,
        skipTLSVerify: false,
      },
      { name: 'local', url: 'http://localhost:8001', skipTLSVerify: false },
    ]);
    expect(options.presets.bursty.coldStartBudgetSeconds).toBe(90);
    expect(options.presets['realtime-cpu']).toEqual(
      DEFAULT_PATTERN_PRESETS['realtime-cpu'],
    );
    expect(options.defaultAuthor).toEqual({
      name: 'Platform',
      email: 'platform@example.com',
    });
  });

  it('defaults to no targets, no local publishing and the built-in presets', () => {
    const options = readModelServiceScaffolderConfig(new ConfigReader({}));
    expect(options).toEqual({
      allowedTargets: [],
      clusters: [],
      localPublish: undefined,
      presets: DEFAULT_PATTERN_PRESETS,
      defaultAuthor: { name: 'Scaffolder', email: 'scaffolder@backstage.io' },
    });
  });

  it('resolves a relative baseDir against the working directory', () => {
    const options = readModelServiceScaffolderConfig(
      new ConfigReader({
        modelScaling: {
          scaffolder: { localPublish: { baseDir: 'published' } },
        },
      }),
    );
    expect(options.localPublish?.baseDir).toBe(`${process.cwd()}/published`);
  });

  it('fails on invalid presets, naming the config path', () => {
    expect(() =>
      readModelServiceScaffolderConfig(
        new ConfigReader({
          modelScaling: { patterns: { bursty: { maxReplicas: -1 } } },
        }),
      ),
    ).toThrow(/modelScaling\.patterns\.bursty\.maxReplicas/);
  });

  it('fails on an allowed target without a namespace', () => {
    expect(() =>
      readModelServiceScaffolderConfig(
        new ConfigReader({
          modelScaling: {
            scaffolder: { allowedTargets: [{ cluster: 'demo' }] },
          },
        }),
      ),
    ).toThrow(/namespace/);
  });
});
