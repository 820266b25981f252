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

  const writer = () =>
    readModelServiceScaffolderConfig(
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

  async function resourceVersion(path: string) {
    const res = await get(path);
    return res.status === 200
      ? ((await res.json()).metadata.resourceVersion as string)
      : res.status;
  }

  it('kind allow-list: refuses a Secret, RBAC and a Pod, naming the file, before writing anything', async () => {
    const cases: Record<string, string> = {
      'k8s/secret.yaml':
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: stolen\nstringData:\n  token: x\n',
      'k8s/rbac.yaml':
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: escalate\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: User\n    name: mallory\n',
      'k8s/pod.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: shell\nspec:\n  containers:\n    - name: c\n      image: busybox\n',
    };
    for (const [file, text] of Object.entries(cases)) {
      workspace.setContent({
        'k8s/a-config.yaml': configMap('allow-list-first'),
        [file]: text,
      });
      cluster.resetCounts();
      const kind = /kind: (\w+)/.exec(text)![1];
      await expect(run(writer(), {})).rejects.toThrow(
        `${file} document 1: kind ${kind}`,
      );
      await expect(run(writer(), {})).rejects.toThrow(
        /may not be applied by model-service:cluster:apply; allowed: Deployment, Service, HorizontalPodAutoscaler, ScaledObject, TriggerAuthentication, ConfigMap, PodDisruptionBudget, ServiceAccount/,
      );
      // refused before any request, so the ConfigMap listed first was not written either
      expect(cluster.totalRequests()).toBe(0);
    }
  });

  it('takeover: refuses to take over an existing object that apply did not create, and leaves it unchanged', async () => {
    const path =
      '/apis/apps/v1/namespaces/ml-serving/deployments/text-classifier';
    const before = await resourceVersion(path);
    expect(typeof before).toBe('string');
    workspace.setContent({
      'k8s/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: text-classifier
spec:
  replicas: 1
  selector:
    matchLabels: { app.kubernetes.io/name: text-classifier }
  template:
    metadata:
      labels: { app.kubernetes.io/name: text-classifier }
    spec:
      containers:
        - name: server
          image: attacker/image:1
`,
    });
    await expect(run(writer(), {})).rejects.toThrow(
      'Deployment/text-classifier already exists in demo/ml-serving and was not created by model-service:cluster:apply',
    );
    expect(await resourceVersion(path)).toBe(before);
  });

  it('takeover: our managed-by label alone does not make an object ours', async () => {
    const res = await fetch(
      `${cluster.url}/api/v1/namespaces/ml-serving/configmaps`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${WRITE_TOKEN}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            name: 'labelled-by-someone',
            labels: {
              'app.kubernetes.io/managed-by': 'model-scaling-scaffolder',
            },
          },
          data: { owner: 'someone else' },
        }),
      },
    );
    expect(res.status).toBe(201);
    workspace.setContent({ 'k8s/c.yaml': configMap('labelled-by-someone') });
    await expect(run(writer(), {})).rejects.toThrow(
      'ConfigMap/labelled-by-someone already exists in demo/ml-serving and was not created by model-service:cluster:apply',
    );
  });

  it('takeover: re-applies objects it created itself', async () => {
    workspace.setContent({ 'k8s/c.yaml': configMap('ours-to-reapply') });
    expect((await run(writer(), {})).applied).toEqual([
      expect.objectContaining({ result: 'created' }),
    ]);
    workspace.setContent({
      'k8s/c.yaml': configMap('ours-to-reapply').replace(
        'resnet50',
        'bert-base',
      ),
    });
    expect((await run(writer(), {})).applied).toEqual([
      expect.objectContaining({ result: 'configured' }),
    ]);
  });

  it('dry run: does not reveal whether objects exist', async () => {
    const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
  selector:
    matchLabels: { app.kubernetes.io/name: ${name} }
  template:
    metadata:
      labels: { app.kubernetes.io/name: ${name} }
    spec:
      containers:
        - name: server
          image: example/model:1
`;
    async function dryRun(name: string) {
      workspace.setContent({ 'k8s/deployment.yaml': deployment(name) });
      const ctx = createMockActionContext({
        input: { cluster: 'demo', namespace: 'ml-serving', dryRun: true },
        workspacePath: workspace.path,
      });
      let error: string | undefined;
      try {
        await createClusterApplyAction(writer() as any).handler(ctx as any);
      } catch (e) {
        error = (e as Error).message;
      }
      const logged = (ctx.logger.info as jest.Mock).mock.calls
        .map(c => String(c[0]))
        .join('\n');
      return JSON.stringify({ error, outputs: ctx.outputs, logged }).replaceAll(
        name,
        'NAME',
      );
    }
    // text-classifier exists (a demo fixture, not ours); the other name does not
    expect(await dryRun('text-classifier')).toEqual(
      await dryRun('no-such-service'),
    );
  });
});
