import { ConfigReader } from '@backstage/config';
import { join } from 'node:path';
import { readDemoClusterConfig } from './config';

describe('readDemoClusterConfig', () => {
  it('defaults to disabled, port 7480 and examples/cluster of the repository', () => {
    const { enabled, options } = readDemoClusterConfig(
      new ConfigReader({}),
      '/repo',
    );
    expect(enabled).toBe(false);
    expect(options).toMatchObject({
      port: 7480,
      token: 'demo-token',
      fixturesDir: join('/repo', 'examples', 'cluster'),
    });
  });

  it('resolves relative paths against the repository root and reads the synthetic fleet', () => {
    const { enabled, options } = readDemoClusterConfig(
      new ConfigReader({
        demoCluster: {
          enabled: true,
          port: 7999,
          fixturesDir: 'my/cluster',
          batchProfilesPath: '/abs/profiles.json',
          timeScale: 48,
          synthetic: { services: 10, podsPerService: 2 },
        },
      }),
      '/repo',
    );
    expect(enabled).toBe(true);
    expect(options).toMatchObject({
      port: 7999,
      fixturesDir: join('/repo', 'my', 'cluster'),
      batchProfilesPath: '/abs/profiles.json',
      timeScale: 48,
      synthetic: { services: 10, podsPerService: 2 },
    });
  });

  it('rejects a bad port naming the key', () => {
    expect(() =>
      readDemoClusterConfig(
        new ConfigReader({ demoCluster: { port: 70000 } }),
        '/repo',
      ),
    ).toThrow(
      'demoCluster.port must be an integer between 0 and 65535, got 70000',
    );
  });
});
