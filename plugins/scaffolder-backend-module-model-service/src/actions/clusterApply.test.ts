import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createMockActionContext } from '../__testUtils__/createMockActionContext';
import { InMemoryApplyClient } from '../__testUtils__/InMemoryApplyClient';
import { createClusterApplyAction } from './clusterApply';

const demo = {
  name: 'demo',
  url: 'http://127.0.0.1:1',
  serviceAccountToken: 'demo-token',
  skipTLSVerify: true,
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
      allowedTargets: [{ cluster: 'demo', namespace: 'ml-serving' }],
      clusters: [demo],
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
      'cluster/namespace: applying to cluster "prod", namespace "ml-serving" is not allowed; modelScaling.scaffolder.allowedTargets allows demo/ml-serving',
    );
    expect(client.calls).toEqual([]);
  });

  it('refuses every target when none is configured', async () => {
    const none = createClusterApplyAction({
      allowedTargets: [],
      clusters: [demo],
      createClient: () => client,
    });
    await expect(
      none.handler(
        createMockActionContext({
          input: { cluster: 'demo', namespace: 'ml-serving' },
          workspacePath: workspace.path,
        }) as any,
      ),
    ).rejects.toThrow('allowedTargets allows no targets');
  });

  it('refuses an allowed cluster that has no connection configured', async () => {
    const unconfigured = createClusterApplyAction({
      allowedTargets: [{ cluster: 'edge', namespace: 'ml-serving' }],
      clusters: [demo],
      createClient: () => client,
    });
    await expect(
      unconfigured.handler(
        createMockActionContext({
          input: { cluster: 'edge', namespace: 'ml-serving' },
          workspacePath: workspace.path,
        }) as any,
      ),
    ).rejects.toThrow(
      'cluster: "edge" is allowed but not configured in kubernetes.clusterLocatorMethods',
    );
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
