import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigReader } from '@backstage/config';
import { readClusterConfigs } from '@internal/plugin-model-scaling-node';
import { parse } from 'yaml';
import { readLocalPublish, readModelServiceScaffolderConfig } from './config';

const ROOT = join(__dirname, '../../..');

/** app-config.yaml with app-config.production.yaml on top, merged as the backend merges them. */
function productionConfig() {
  return ConfigReader.fromConfigs(
    ['app-config.yaml', 'app-config.production.yaml'].map(file => ({
      context: file,
      data: parse(readFileSync(join(ROOT, file), 'utf8')),
    })),
  );
}

describe('app-config.production.yaml', () => {
  it('production config: inherits no demo cluster, no local publishing and no demo apply targets', () => {
    const config = productionConfig();
    expect(config.getOptionalBoolean('demoCluster.enabled')).toBe(false);
    expect(
      readClusterConfigs(config, { readInClusterToken: () => undefined }),
    ).toEqual([]);
    expect(readLocalPublish(config)).toBeUndefined();
    const options = readModelServiceScaffolderConfig(config, {
      readInClusterToken: () => undefined,
    });
    expect(options.targets).toEqual([]);
    expect(options.localPublish).toBeUndefined();
    expect(config.getConfigArray('catalog.locations')).toEqual([]);
    // from registered locations only the catalog's default kinds, and no file rule
    expect(config.get('catalog.rules')).toEqual([
      { allow: ['Component', 'API', 'Location'], locations: [{ type: 'url' }] },
    ]);
  });

  it('the demo (app-config.yaml alone) gives apply its own write token, not the read token', () => {
    const config = new ConfigReader(
      parse(readFileSync(join(ROOT, 'app-config.yaml'), 'utf8')),
    );
    const [target] = readModelServiceScaffolderConfig(config).targets;
    const [read] = readClusterConfigs(config);
    expect(target.connection.auth).toEqual({
      type: 'serviceAccount',
      token: config.getString('demoCluster.writeToken'),
    });
    expect(read.auth).not.toEqual(target.connection.auth);
  });
});
