import { ConfigReader } from '@backstage/config';
import {
  readModelScalingOptions,
  roundDeadlineMs,
} from './ModelScalingOptions';

describe('readModelScalingOptions', () => {
  it('fills in defaults when the section is absent', () => {
    const options = readModelScalingOptions(new ConfigReader({}));
    expect(options.namespaces).toEqual([]);
    expect(options.requestTimeoutMs).toBe(10000);
    expect(options.watch.backoff).toEqual({
      initialMs: 1000,
      maxMs: 30000,
      factor: 2,
    });
    expect(options.triton).toMatchObject({
      enabled: true,
      intervalSeconds: 15,
      concurrency: 8,
      timeoutMs: 3000,
    });
    expect(options.triton.prometheus).toBeUndefined();
  });

  it('reads every key', () => {
    const options = readModelScalingOptions(
      new ConfigReader({
        modelScaling: {
          namespaces: ['ml-serving', 'ml-batch'],
          requestTimeoutMs: 2000,
          watch: { backoff: { initialMs: 100, maxMs: 2000 } },
          triton: {
            enabled: false,
            intervalSeconds: 5,
            concurrency: 2,
            timeoutMs: 500,
            prometheus: { url: 'http://prometheus:9090' },
          },
          patterns: { 'realtime-cpu': { hpa: { minReplicas: 3 } } },
        },
      }),
    );
    expect(options.namespaces).toEqual(['ml-serving', 'ml-batch']);
    expect(options.watch.backoff.maxMs).toBe(2000);
    expect(options.triton.enabled).toBe(false);
    expect(options.triton.prometheus).toEqual({
      url: 'http://prometheus:9090',
      podLabel: 'pod',
      namespaceLabel: 'namespace',
    });
  });

  it.each([
    [{ triton: { concurrency: 0 } }, 'modelScaling.triton.concurrency'],
    [{ requestTimeoutMs: 'soon' }, 'modelScaling.requestTimeoutMs'],
    [{ namespaces: [''] }, 'modelScaling.namespaces.0'],
    [
      { watch: { backoff: { initialMs: 5000, maxMs: 1000 } } },
      'modelScaling.watch.backoff.maxMs',
    ],
    [
      { triton: { prometheus: { url: 'not a url' } } },
      'modelScaling.triton.prometheus.url',
    ],
    [{ triton: { intervalSecs: 3 } }, 'modelScaling.triton'],
    [{ triton: { maxModelsPerPod: 0 } }, 'modelScaling.triton.maxModelsPerPod'],
    [
      { triton: { roundDeadlineMs: 90_000, taskTimeoutSeconds: 60 } },
      'modelScaling.triton.taskTimeoutSeconds',
    ],
    [
      { history: { retentionMinutes: 0 } },
      'modelScaling.history.retentionMinutes',
    ],
  ])('names the key of a bad value %j', (section, key) => {
    expect(() =>
      readModelScalingOptions(new ConfigReader({ modelScaling: section })),
    ).toThrow(`Invalid config at ${key}:`);
  });

  it('reads modelScaling.entityNamespaces, unset meaning no bounds', () => {
    expect(
      readModelScalingOptions(new ConfigReader({})).entityNamespaces,
    ).toBeUndefined();
    const options = readModelScalingOptions(
      new ConfigReader({
        modelScaling: {
          entityNamespaces: [
            { owner: 'group:default/team-nlp', clusterNamespaces: ['nlp-*'] },
            { catalogNamespace: 'default', clusterNamespaces: ['shared'] },
          ],
        },
      }),
    );
    expect(options.entityNamespaces).toEqual([
      { owner: 'group:default/team-nlp', clusterNamespaces: ['nlp-*'] },
      { catalogNamespace: 'default', clusterNamespaces: ['shared'] },
    ]);
  });

  it.each([
    [
      [{ clusterNamespaces: ['a'] }],
      'modelScaling.entityNamespaces.0: needs catalogNamespace or owner (or both)',
    ],
    [
      [{ owner: 'team-a', clusterNamespaces: [] }],
      'modelScaling.entityNamespaces.0.clusterNamespaces: must list at least one namespace',
    ],
    [
      [{ owner: 'team-a', clusterNamespaces: ['Kube_System'] }],
      "modelScaling.entityNamespaces.0.clusterNamespaces.0: must be a namespace name or a prefix ending in '*'",
    ],
    [
      [{ owner: 'group:', clusterNamespaces: ['a'] }],
      'modelScaling.entityNamespaces.0.owner: must be an entity ref',
    ],
  ])(
    'names the key and the rule of a bad entityNamespaces entry',
    (rules, message) => {
      expect(() =>
        readModelScalingOptions(
          new ConfigReader({ modelScaling: { entityNamespaces: rules } }),
        ),
      ).toThrow(`Invalid config at ${message}`);
    },
  );

  it('bounds collection and history by default, the round within its task lock', () => {
    const options = readModelScalingOptions(new ConfigReader({}));
    expect(options.triton).toMatchObject({
      maxModelsPerPod: 32,
      maxSeriesPerDocument: 20000,
      maxErrorChars: 1000,
      taskTimeoutSeconds: 60,
    });
    expect(options.history.retentionMinutes).toBe(60);
    // The interval, at least two request timeouts, at most half the lock timeout.
    expect(roundDeadlineMs(options.triton)).toBe(15_000);
    const slow = readModelScalingOptions(
      new ConfigReader({ modelScaling: { triton: { intervalSeconds: 3600 } } }),
    );
    expect(roundDeadlineMs(slow.triton)).toBe(30_000);
    const quick = readModelScalingOptions(
      new ConfigReader({
        modelScaling: { triton: { intervalSeconds: 1, timeoutMs: 1000 } },
      }),
    );
    expect(roundDeadlineMs(quick.triton)).toBe(2_000);
  });
});
