import { createServer, Socket } from 'node:net';
import { InMemoryApplyClient } from '../__testUtils__/InMemoryApplyClient';
import {
  createApplyClient,
  ManifestApplier,
  ManifestObject,
} from './ManifestApplier';

const target = { cluster: 'demo', namespace: 'ml-serving' };

function objects(): ManifestObject[] {
  return [
    {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: 'svc' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'svc', namespace: 'ml-serving' },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' } },
  ];
}

describe('ManifestApplier', () => {
  it('applies in dependency order into the target namespace and reports created', async () => {
    const client = new InMemoryApplyClient();
    const applied = await new ManifestApplier(client, target).apply(objects(), {
      dryRun: false,
    });
    expect(client.calls).toEqual([
      'Service/ml-serving/svc',
      'Deployment/ml-serving/svc',
      'ScaledObject/ml-serving/svc',
    ]);
    expect(applied.map(a => `${a.kind} ${a.namespace} ${a.result}`)).toEqual([
      'Service ml-serving created',
      'Deployment ml-serving created',
      'ScaledObject ml-serving created',
    ]);
  });

  it('reports unchanged on a re-apply and configured on a change', async () => {
    const client = new InMemoryApplyClient();
    const applier = new ManifestApplier(client, target);
    await applier.apply(objects(), { dryRun: false });
    const again = await applier.apply(objects(), { dryRun: false });
    expect(again.map(a => a.result)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    const changed = objects();
    (changed[2] as any).spec = { ports: [{ port: 8000 }] };
    const third = await applier.apply(changed, { dryRun: false });
    expect(third.map(a => `${a.kind} ${a.result}`)).toEqual([
      'Service configured',
      'Deployment unchanged',
      'ScaledObject unchanged',
    ]);
  });

  it('stores nothing on a dry run', async () => {
    const client = new InMemoryApplyClient();
    const applied = await new ManifestApplier(client, target).apply(objects(), {
      dryRun: true,
    });
    expect(applied.every(a => a.result === 'validated')).toBe(true);
    expect(client.objects.size).toBe(0);
    expect(client.calls[0]).toBe('dry-run Service/ml-serving/svc');
  });

  it('refuses an object of another namespace before applying anything', async () => {
    const client = new InMemoryApplyClient();
    const list = objects();
    list[0].metadata.namespace = 'kube-system';
    await expect(
      new ManifestApplier(client, target).apply(list, { dryRun: false }),
    ).rejects.toThrow(
      'ScaledObject/svc is in namespace kube-system, but the target is demo/ml-serving',
    );
    expect(client.calls).toEqual([]);
  });

  it('refuses kinds outside the allow-list, cluster-scoped objects and kinds the cluster does not serve', async () => {
    const client = new InMemoryApplyClient();
    await expect(
      new ManifestApplier(client, target).apply(
        [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } }],
        { dryRun: false },
      ),
    ).rejects.toThrow(
      'Namespace/x (v1) is not a kind model-service:cluster:apply may apply',
    );
    await expect(
      new ManifestApplier(
        new InMemoryApplyClient({ Service: 'cluster' }),
        target,
      ).apply(
        [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' } }],
        {
          dryRun: false,
        },
      ),
    ).rejects.toThrow('Service/x is cluster-scoped');
    await expect(
      new ManifestApplier(client, target).apply(
        [
          {
            apiVersion: 'policy/v1',
            kind: 'PodDisruptionBudget',
            metadata: { name: 'x' },
          },
        ],
        { dryRun: false },
      ),
    ).rejects.toThrow(
      'Cluster demo does not serve PodDisruptionBudget of policy/v1 (PodDisruptionBudget/x); is its CustomResourceDefinition installed?',
    );
    expect(client.calls).toEqual([]);
  });

  it('labels every object it applies as managed by the apply action', async () => {
    const client = new InMemoryApplyClient();
    await new ManifestApplier(client, target).apply(objects(), {
      dryRun: false,
    });
    for (const object of client.objects.values()) {
      expect(object.metadata?.labels).toEqual({
        'app.kubernetes.io/managed-by': 'model-scaling-scaffolder',
      });
    }
  });

  it('no force: applies new objects without force, and forces only objects it created', async () => {
    const client = new InMemoryApplyClient();
    const applier = new ManifestApplier(client, target);
    await applier.apply(objects(), { dryRun: false });
    await applier.apply(objects(), { dryRun: false });
    expect(client.calls).toEqual([
      'Service/ml-serving/svc',
      'Deployment/ml-serving/svc',
      'ScaledObject/ml-serving/svc',
      'force Service/ml-serving/svc',
      'force Deployment/ml-serving/svc',
      'force ScaledObject/ml-serving/svc',
    ]);
  });
});

describe('createApplyClient', () => {
  it('gives up on an API server that never answers, naming the request', async () => {
    const sockets: Socket[] = [];
    const server = createServer(s => {
      sockets.push(s); // accept and never answer
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const client = createApplyClient(
      {
        name: 'hung',
        url: `http://127.0.0.1:${port}`,
        skipTLSVerify: true,
        auth: { type: 'serviceAccount', token: 't' },
      },
      { timeoutMs: 200 },
    );
    await expect(
      client.apply(
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
        { dryRun: true, force: false },
      ),
    ).rejects.toThrow('Applying ConfigMap/x on hung timed out after 200 ms');
    sockets.forEach(s => s.destroy());
    await new Promise(r => server.close(r));
  });
});
