/*
 * The demo cluster's objects (examples/cluster/) on a real API server: every file is accepted
 * (server-side dry-run, so a schema error of a fixture fails here with the API server's words),
 * KWOK's GPU nodes carry their capacity and labels, the real scheduler places the GPU workloads
 * on them, and the read-only ServiceAccount can read but not write.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  ClusterEnv,
  kubectlJson,
  kubectlRaw,
  loadClusterEnv,
  repoRoot,
} from './clusterEnv';

const fixturesDir = join(repoRoot, 'examples/cluster');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap(name => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return yamlFiles(p);
      return /\.ya?ml$/.test(name) ? [p] : [];
    })
    .sort();
}

describe('examples/cluster fixtures on the real API server', () => {
  let env: ClusterEnv;
  beforeAll(() => {
    env = loadClusterEnv();
  });

  const files = yamlFiles(fixturesDir);

  it('has fixtures to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map(f => [relative(repoRoot, f), f]))(
    '%s passes server-side apply (dry-run)',
    async (_name, file) => {
      const r = await kubectlRaw(env, [
        'apply',
        '--server-side',
        '--force-conflicts',
        '--field-manager',
        'model-scaling-fixtures',
        '--dry-run=server',
        '-f',
        file,
      ]);
      expect({ file: _name, stderr: r.stderr.trim(), code: r.code }).toEqual({
        file: _name,
        stderr: '',
        code: 0,
      });
    },
  );

  it('start.sh applied every fixture', () => {
    expect(env.FIXTURES_REJECTED).toBe('0');
  });

  it('KWOK runs the GPU nodes with their capacity and GPU Feature Discovery labels', async () => {
    const nodes = await kubectlJson(env, ['get', 'nodes']);
    const gpu = nodes.items.filter(
      (n: any) =>
        n.status.capacity?.['nvidia.com/gpu'] !== undefined ||
        Object.keys(n.status.capacity ?? {}).some(k =>
          k.startsWith('nvidia.com/mig-'),
        ),
    );
    expect(gpu.length).toBeGreaterThan(0);
    for (const n of nodes.items) {
      const ready = n.status.conditions.find((c: any) => c.type === 'Ready');
      expect({ node: n.metadata.name, ready: ready?.status }).toEqual({
        node: n.metadata.name,
        ready: 'True',
      });
    }
    for (const n of gpu) {
      expect(n.metadata.labels['nvidia.com/gpu.product']).toBeDefined();
    }
  });

  it('the real scheduler places every fixture pod on a node that has its resources', async () => {
    const pods = await kubectlJson(env, [
      'get',
      'pods',
      '-A',
      '-l',
      'backstage.io/kubernetes-id',
    ]);
    const nodes = await kubectlJson(env, ['get', 'nodes']);
    const byName = new Map<string, any>(
      nodes.items.map((n: any) => [n.metadata.name, n]),
    );
    const fixturePods = pods.items.filter((p: any) =>
      ['ml-serving', 'ml-batch'].includes(p.metadata.namespace),
    );
    expect(fixturePods.length).toBeGreaterThan(0);
    for (const pod of fixturePods) {
      const where = `${pod.metadata.namespace}/${pod.metadata.name}`;
      expect({ pod: where, phase: pod.status.phase }).toEqual({
        pod: where,
        phase: 'Running',
      });
      const node = byName.get(pod.spec.nodeName);
      expect(node).toBeDefined();
      for (const c of pod.spec.containers) {
        for (const res of Object.keys(c.resources?.requests ?? {})) {
          if (res.startsWith('nvidia.com/')) {
            expect({
              pod: where,
              res,
              onNode: node.status.allocatable[res] !== undefined,
            }).toEqual({ pod: where, res, onNode: true });
          }
        }
      }
    }
  });

  it('applies the same ClusterRole as the backend README documents', async () => {
    const readme = readFileSync(
      join(repoRoot, 'plugins/model-scaling-backend/README.md'),
      'utf8',
    );
    const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map(m => m[1])
      .find(b => /kind: ClusterRole\n/.test(b));
    expect(block).toBeDefined();
    // kubectl parses the YAML (client-side dry-run), so no YAML library is needed here.
    const toObjects = async (args: string[], input?: string) => {
      const out = await kubectlRaw(
        env,
        ['apply', '--dry-run=client', '-o', 'json', ...args],
        {
          input,
        },
      );
      expect(out.stderr).toBe('');
      const parsed = JSON.parse(out.stdout);
      return (parsed.kind === 'List' ? parsed.items : [parsed]) as any[];
    };
    const documented = await toObjects(
      ['-f', '-'],
      block!.replace(/^ {3}/gm, ''),
    );
    const applied = await toObjects([
      '-f',
      join(__dirname, '../manifests/rbac.yaml'),
    ]);
    const pick = (objs: any[], kind: string) => objs.find(o => o.kind === kind);
    for (const kind of [
      'ServiceAccount',
      'ClusterRole',
      'ClusterRoleBinding',
    ]) {
      const { metadata: dm, ...docRest } = pick(documented, kind);
      const { metadata: am, ...appRest } = pick(applied, kind);
      expect({
        kind,
        name: am.name,
        namespace: am.namespace,
        ...appRest,
      }).toEqual({
        kind,
        name: dm.name,
        namespace: dm.namespace,
        ...docRest,
      });
    }
    const role = await kubectlJson(env, [
      'get',
      'clusterrole',
      pick(applied, 'ClusterRole').metadata.name,
    ]);
    expect(role.rules).toEqual(pick(applied, 'ClusterRole').rules);
  });

  it('the read-only ServiceAccount can list and watch what the backend reads, and nothing more', async () => {
    const can = async (verb: string, resource: string) =>
      (
        await kubectlRaw(
          env,
          ['auth', 'can-i', verb, resource, '--all-namespaces'],
          { as: 'reader' },
        )
      ).stdout.trim();
    for (const resource of [
      'deployments.apps',
      'replicasets.apps',
      'pods',
      'nodes',
      'events',
      'horizontalpodautoscalers.autoscaling',
      'scaledobjects.keda.sh',
      'scaledjobs.keda.sh',
    ]) {
      expect({
        resource,
        list: await can('list', resource),
        watch: await can('watch', resource),
      }).toEqual({ resource, list: 'yes', watch: 'yes' });
    }
    expect(await can('get', 'pods/proxy')).toBe('yes');
    expect(await can('create', 'deployments.apps')).toBe('no');
    expect(await can('patch', 'pods')).toBe('no');
    expect(await can('list', 'secrets')).toBe('no');
    // Nothing reads Services, so the read identity may not list them.
    expect(await can('list', 'services')).toBe('no');

    const denied = await kubectlRaw(
      env,
      ['-n', 'ml-serving', 'delete', 'pods', '--all', '--dry-run=server'],
      {
        as: 'reader',
      },
    );
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toMatch(/forbidden/);
  });
});
