/*
 * The write side of the security review, against the demo cluster run with a
 * read token that may only read and a separate write token (as the read-only
 * ClusterRole and the apply Role split access on a real cluster).
 */
import { JsonObject } from '@backstage/types';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DemoCluster, startDemoCluster } from '@internal/demo-cluster';
import { readModelServiceScaffolderConfig } from '../config';
import { createMockActionContext } from '../__testUtils__/createMockActionContext';
import { createClusterApplyAction } from './clusterApply';

jest.setTimeout(60_000);

const WRITE_TOKEN = 'demo-scaffolder-token';

function configMap(name: string) {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  labels:
    backstage.io/kubernetes-id: ${name}
data:
  model: resnet50
`;
}

describe('model-service:cluster:apply security', () => {
  const workspace = createMockDirectory();
  let cluster: DemoCluster;

  beforeAll(async () => {
    cluster = await startDemoCluster({
      port: 0,
      clock: 'manual',
      writeToken: WRITE_TOKEN,
    });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  function config(scaffolder: JsonObject) {
    return new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'demo',
                url: cluster.url,
                authProvider: 'serviceAccount',
                serviceAccountToken: cluster.token,
                skipTLSVerify: true,
              },
            ],
          },
        ],
      },
      modelScaling: { scaffolder },
    });
  }

  async function run(
    options: ReturnType<typeof readModelServiceScaffolderConfig>,
    input: Record<string, unknown>,
  ) {
    const ctx = createMockActionContext({
      input: { cluster: 'demo', namespace: 'ml-serving', ...input } as any,
      workspacePath: workspace.path,
    });
    await createClusterApplyAction(options as any).handler(ctx as any);
    return ctx.outputs;
  }

  async function get(path: string) {
    return fetch(`${cluster.url}${path}`, {
      headers: { authorization: `Bearer ${cluster.token}` },
    });
  }

  it('write identity: applies with the target’s own token, never the read token of kubernetes.clusterLocatorMethods', async () => {
    workspace.setContent({ 'k8s/config.yaml': configMap('write-identity') });
    const options = readModelServiceScaffolderConfig(
      config({
        targets: [
          {
            cluster: 'demo',
            namespaces: ['ml-serving'],
            serviceAccountToken: WRITE_TOKEN,
          },
        ],
      }),
    );
    const outputs = await run(options, {});
    expect(outputs.applied).toEqual([
      expect.objectContaining({ kind: 'ConfigMap', result: 'created' }),
    ]);
    expect(
      (await get('/api/v1/namespaces/ml-serving/configmaps/write-identity'))
        .status,
    ).toBe(200);

    // the read token the Kubernetes plugin's proxy forwards cannot be made the write identity
    expect(() =>
      readModelServiceScaffolderConfig(
        config({
          targets: [
            {
              cluster: 'demo',
              namespaces: ['ml-serving'],
              serviceAccountToken: cluster.token,
            },
          ],
        }),
      ),
    ).toThrow(/is the read token of kubernetes.clusterLocatorMethods/);
  });
});
