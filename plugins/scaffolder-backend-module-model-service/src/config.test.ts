import { ConfigReader } from '@backstage/config';
import { DEFAULT_PATTERN_PRESETS } from '@internal/plugin-model-scaling-common';
import { readModelServiceScaffolderConfig } from './config';

const noFiles = {
  readInClusterToken: () => undefined,
  readTokenFile: (path: string) => {
    throw new Error(`ENOENT: ${path}`);
  },
};

const clusterLocatorMethods = [
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
        serviceAccountToken: 'prod-read-token',
        caData: 'LS0tLS1CRUdJTg==',
      },
    ],
  },
  { type: 'localKubectlProxy' },
  { type: 'catalog' },
];

describe('readModelServiceScaffolderConfig', () => {
  it('reads write targets with their own identities, local publishing and presets', () => {
    const options = readModelServiceScaffolderConfig(
      new ConfigReader({
        kubernetes: { clusterLocatorMethods },
        modelScaling: {
          scaffolder: {
            targets: [
              {
                cluster: 'demo',
                namespaces: ['ml-serving'],
                serviceAccountToken: 'demo-scaffolder-token',
              },
              {
                cluster: 'prod',
                namespaces: ['ml-serving', 'ml-batch'],
                serviceAccountToken: 'prod-write-token',
              },
            ],
            localPublish: { baseDir: '/tmp/model-services' },
          },
          patterns: { bursty: { coldStartBudgetSeconds: 90 } },
        },
        scaffolder: {
          defaultAuthor: { name: 'Platform', email: 'platform@example.com' },
        },
      }),
      noFiles,
    );
    expect(options.targets).toEqual([
      {
        cluster: 'demo',
        namespaces: ['ml-serving'],
        connection: expect.objectContaining({
          name: 'demo',
          url: 'http://127.0.0.1:7480',
          skipTLSVerify: true,
          auth: { type: 'serviceAccount', token: 'demo-scaffolder-token' },
        }),
      },
      {
        cluster: 'prod',
        namespaces: ['ml-serving', 'ml-batch'],
        connection: expect.objectContaining({
          url: 'https://prod.example:6443',
          caData: 'LS0tLS1CRUdJTg==',
          skipTLSVerify: false,
          auth: { type: 'serviceAccount', token: 'prod-write-token' },
        }),
      },
    ]);
    expect(options.localPublish).toEqual({ baseDir: '/tmp/model-services' });
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
      targets: [],
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

  it('turns local publishing off with enabled: false over a base config that sets baseDir', () => {
    const options = readModelServiceScaffolderConfig(
      ConfigReader.fromConfigs([
        {
          context: 'app-config.yaml',
          data: {
            modelScaling: {
              scaffolder: { localPublish: { baseDir: 'published' } },
            },
          },
        },
        {
          context: 'app-config.production.yaml',
          data: {
            modelScaling: { scaffolder: { localPublish: { enabled: false } } },
          },
        },
      ]),
    );
    expect(options.localPublish).toBeUndefined();
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

  it('fails on a target without a write identity of its own', () => {
    expect(() =>
      readModelServiceScaffolderConfig(
        new ConfigReader({
          kubernetes: { clusterLocatorMethods },
          modelScaling: {
            scaffolder: {
              targets: [{ cluster: 'prod', namespaces: ['ml-serving'] }],
            },
          },
        }),
        noFiles,
      ),
    ).toThrow(
      "modelScaling.scaffolder.targets[0]: target 'prod' has no write identity",
    );
  });

  it('ignores the old allowedTargets with a warning, so apply never writes with the read token', () => {
    const warn = jest.fn();
    const options = readModelServiceScaffolderConfig(
      new ConfigReader({
        kubernetes: { clusterLocatorMethods },
        modelScaling: {
          scaffolder: {
            allowedTargets: [{ cluster: 'demo', namespace: 'ml-serving' }],
          },
        },
      }),
      { ...noFiles, warn },
    );
    expect(options.targets).toEqual([]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'modelScaling.scaffolder.allowedTargets is not read any more',
      ),
    );
  });
});
