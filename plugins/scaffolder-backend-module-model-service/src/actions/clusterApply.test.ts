import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createMockActionContext } from '../__testUtils__/createMockActionContext';
import { InMemoryApplyClient } from '../__testUtils__/InMemoryApplyClient';
import { WriteTarget } from '@internal/plugin-model-scaling-node';
import { createClusterApplyAction } from './clusterApply';

const demo: WriteTarget = {
  cluster: 'demo',
  namespaces: ['ml-serving'],
  connection: {
    name: 'demo',
    url: 'http://127.0.0.1:1',
    auth: { type: 'serviceAccount', token: 'demo-scaffolder-token' },
    skipTLSVerify: true,
  },
};

describe('model-service:cluster:apply', () => {
  const workspace = createMockDirectory();
  let client: InMemoryApplyClient;

  beforeEach(() => {
    client = new InMemoryApplyClient();
    workspace.setContent({
      'k8s/deployment.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc\n  namespace: ml-serving\n',
      'k8s/service.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n',
    });
  });

  const action = () =>
    createClusterApplyAction({
      targets: [demo],
      createClient: () => client,
    });

  it('applies the manifests of k8s/ by default and outputs the applied objects', async () => {
    const ctx = createMockActionContext({
      input: { cluster: 'demo', namespace: 'ml-serving' },
      workspacePath: workspace.path,
    });
    await action().handler(ctx as any);
    expect(ctx.outputs.dryRun).toBe(false);
    expect(ctx.outputs.applied).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Service',
        name: 'svc',
        namespace: 'ml-serving',
        result: 'created',
      },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'svc',
        namespace: 'ml-serving',
        result: 'created',
      },
    ]);
    expect(client.objects.size).toBe(2);
  });

  it('does a server-side dry run when asked and when the task is a dry run', async () => {
    for (const [dryRun, isDryRun] of [
      [true, false],
      [false, true],
    ]) {
      const ctx = createMockActionContext({
        input: { cluster: 'demo', namespace: 'ml-serving', dryRun },
        workspacePath: workspace.path,
        isDryRun,
      });
      await action().handler(ctx as any);
      expect(ctx.outputs.dryRun).toBe(true);
    }
    expect(client.objects.size).toBe(0);
  });

  it('refuses a cluster/namespace pair that is not allowed, naming the pair', async () => {
    const ctx = createMockActionContext({
      input: { cluster: 'demo', namespace: 'kube-system' },
      workspacePath: workspace.path,
    });
    const result = action().handler(ctx as any);
    await expect(result).rejects.toThrow(NotAllowedError);
    await expect(
      action().handler(
        createMockActionContext({
          input: { cluster: 'prod', namespace: 'ml-serving' },
          workspacePath: workspace.path,
        }) as any,
      ),
    ).rejects.toThrow(
      'cluster/namespace: applying to cluster "prod", namespace "ml-serving" is not allowed; modelScaling.scaffolder.targets allows demo/ml-serving',
    );
    expect(client.calls).toEqual([]);
  });

  it('refuses every target when none is configured', async () => {
    const none = createClusterApplyAction({
      targets: [],
      createClient: () => client,
    });
    await expect(
      none.handler(
        createMockActionContext({
          input: { cluster: 'demo', namespace: 'ml-serving' },
          workspacePath: workspace.path,
        }) as any,
      ),
    ).rejects.toThrow('targets allows no targets');
  });

  it('makes the client with the write identity of the chosen target', async () => {
    const connections: unknown[] = [];
    const prod: WriteTarget = {
      cluster: 'prod',
      namespaces: ['ml-batch', 'ml-serving'],
      connection: {
        ...demo.connection,
        name: 'prod',
        auth: { type: 'serviceAccountTokenFile', tokenFile: '/t' },
      },
    };
    await createClusterApplyAction({
      targets: [demo, prod],
      createClient: connection => {
        connections.push(connection);
        return client;
      },
    }).handler(
      createMockActionContext({
        input: { cluster: 'prod', namespace: 'ml-serving' },
        workspacePath: workspace.path,
      }) as any,
    );
    expect(connections).toEqual([prod.connection]);
  });

  it('names the field of invalid input', async () => {
    const ctx = createMockActionContext({
      input: { cluster: 'demo', namespace: 'ML_Serving' },
      workspacePath: workspace.path,
    });
    await expect(action().handler(ctx as any)).rejects.toThrow(InputError);
    await expect(action().handler(ctx as any)).rejects.toThrow(
      /namespace: must be a DNS-1123 label/,
    );
  });
});
