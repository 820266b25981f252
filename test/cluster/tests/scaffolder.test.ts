/*
 * The golden path on the real control plane: for each of the four patterns, the scaffolder's
 * `model-service:plan:create` action (its own documented example answers) renders the
 * manifests, and `model-service:cluster:apply` server-side applies them to the allowed
 * namespace of the local cluster: first as a dry run (nothing stored), then for real, then again
 * (unchanged). Apply writes with its own ServiceAccount (manifests/scaffolder-rbac.yaml: a Role in
 * ml-sandbox), the backend watches with the read-only one (manifests/rbac.yaml). KWOK runs the
 * generated pods on nodes the real scheduler picks, and the backend reports the new services'
 * status.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import modelScalingPlugin from '@internal/plugin-model-scaling-backend';
import {
  EntityScalingStatus,
  PatternId,
  resolvePatternPresets,
} from '@internal/plugin-model-scaling-common';
import {
  createClusterApplyAction,
  createPlanCreateAction,
} from '@internal/plugin-scaffolder-backend-module-model-service';
import request from 'supertest';
import { parse } from 'yaml';
import {
  ClusterEnv,
  kubectl,
  kubectlJson,
  kubectlRaw,
  loadClusterEnv,
  repoRoot,
  waitFor,
} from './clusterEnv';

const NAMESPACE = 'ml-sandbox';
/** The read-only ServiceAccount of manifests/rbac.yaml (the watcher's identity). */
const READER = 'backstage-model-scaling';
/** The apply ServiceAccount of manifests/scaffolder-rbac.yaml. */
const WRITER = 'model-scaling-scaffolder';
const USER = mockCredentials.user.header('user:default/guest');

interface Applied {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  result: 'created' | 'configured' | 'unchanged';
}

/** `Kind.group` for kubectl (`Service`, `Deployment.apps`, `ScaledObject.keda.sh`). */
function resourceOf(a: { apiVersion: string; kind: string }) {
  const slash = a.apiVersion.indexOf('/');
  return slash < 0 ? a.kind : `${a.kind}.${a.apiVersion.slice(0, slash)}`;
}

/** An action context as the scaffolder's task worker builds one. */
function actionContext(input: Record<string, unknown>, workspacePath: string) {
  const outputs: Record<string, any> = {};
  return {
    outputs,
    ctx: {
      input,
      workspacePath,
      logger: mockServices.logger.mock(),
      secrets: {},
      task: { id: 'cluster-test' },
      templateInfo: { entityRef: 'template:default/model-service' },
      user: { ref: 'user:default/guest' },
      output(name: string, value: unknown) {
        outputs[name] = value;
      },
      async checkpoint(opts: { fn: () => unknown }) {
        return opts.fn();
      },
      async createTemporaryDirectory() {
        return mkdtemp(join(tmpdir(), 'cluster-test-action-'));
      },
      async getInitiatorCredentials() {
        return mockCredentials.user();
      },
    } as any,
  };
}

const planAction = createPlanCreateAction({ presets: resolvePatternPresets() });

/** The plan action's own examples, one per pattern, renamed into the sandbox namespace. */
const cases = (planAction.examples ?? []).map(example => {
  const step = (parse(example.example) as any).steps[0];
  const original = step.input as Record<string, unknown>;
  return {
    original: String(original.name),
    input: { ...original, name: `gen-${original.name}`, namespace: NAMESPACE },
  };
});

describe('the model-service template on the real control plane', () => {
  let env: ClusterEnv;
  const workspaces: Record<string, string> = {};
  const patterns: Record<string, PatternId> = {};
  let applyAction: ReturnType<typeof createClusterApplyAction>;
  let writeToken: string;

  /** The API server with the apply ServiceAccount's token. */
  const writeConnection = () => ({
    name: env.CLUSTER_NAME,
    url: env.URL,
    auth: { type: 'serviceAccount' as const, token: writeToken },
    caData: env.CA,
    skipTLSVerify: false,
  });

  beforeAll(async () => {
    env = loadClusterEnv();
    // The write identity: its own ServiceAccount bound to a Role in ml-sandbox only
    // (applied again here, so a cluster started before this manifest changed has it too).
    await kubectl(env, [
      'apply',
      '--server-side',
      '--force-conflicts',
      '-f',
      join(repoRoot, 'test/cluster/manifests/scaffolder-rbac.yaml'),
    ]);
    writeToken = (
      await kubectl(env, [
        '-n',
        'backstage',
        'create',
        'token',
        WRITER,
        '--duration',
        '1h',
      ])
    ).trim();
    applyAction = createClusterApplyAction({
      targets: [
        {
          cluster: env.CLUSTER_NAME,
          namespaces: [NAMESPACE],
          connection: writeConnection(),
        },
      ],
    });
    for (const c of cases) {
      await kubectlRaw(env, [
        '-n',
        NAMESPACE,
        'delete',
        'deployment,service,hpa,scaledobject,triggerauthentication',
        '-l',
        `backstage.io/kubernetes-id=${c.input.name}`,
        '--wait=true',
      ]);
    }
  });

  afterAll(async () => {
    await Promise.all(
      Object.values(workspaces).map(w =>
        rm(w, { recursive: true, force: true }),
      ),
    );
  });

  it('has one example per pattern', () => {
    expect(cases).toHaveLength(4);
  });

  it('write identity: the apply ServiceAccount writes only the model-service kinds in its namespace; the read one writes nowhere', async () => {
    const can = async (
      as: string,
      verb: string,
      resource: string,
      ns: string,
    ) =>
      (
        await kubectlRaw(env, [
          'auth',
          'can-i',
          verb,
          resource,
          '-n',
          ns,
          `--as=system:serviceaccount:backstage:${as}`,
        ])
      ).stdout.trim();
    expect(await can(WRITER, 'patch', 'deployments.apps', NAMESPACE)).toBe(
      'yes',
    );
    expect(await can(WRITER, 'patch', 'deployments.apps', 'ml-serving')).toBe(
      'no',
    );
    expect(await can(WRITER, 'create', 'secrets', NAMESPACE)).toBe('no');
    expect(
      await can(WRITER, 'create', 'roles.rbac.authorization.k8s.io', NAMESPACE),
    ).toBe('no');
    expect(await can(WRITER, 'delete', 'deployments.apps', NAMESPACE)).toBe(
      'no',
    );
    for (const ns of [NAMESPACE, 'ml-serving']) {
      expect(await can(READER, 'patch', 'deployments.apps', ns)).toBe('no');
      expect(await can(READER, 'list', 'deployments.apps', ns)).toBe('yes');
    }
  });

  it('write identity: apply fails outside the Role’s namespaces even when a target lists them', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'cluster-test-outside-'));
    workspaces.outside = workspace;
    await writeFile(
      join(workspace, 'config.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: outside-write-test\ndata:\n  a: b\n',
    );
    const misconfigured = createClusterApplyAction({
      targets: [
        {
          cluster: env.CLUSTER_NAME,
          namespaces: ['ml-serving'],
          connection: writeConnection(),
        },
      ],
    });
    const { ctx } = actionContext(
      {
        cluster: env.CLUSTER_NAME,
        namespace: 'ml-serving',
        manifests: ['config.yaml'],
      },
      workspace,
    );
    await expect(misconfigured.handler(ctx)).rejects.toThrow(/HTTP 403/);
    const stored = await kubectlRaw(env, [
      '-n',
      'ml-serving',
      'get',
      'configmap',
      'outside-write-test',
    ]);
    expect(stored.stderr).toMatch(/NotFound|not found/);
  });

  it('takeover: refuses to take over an object in its namespace that it did not create', async () => {
    const name = 'made-by-someone-else';
    await kubectl(
      env,
      [
        '-n',
        NAMESPACE,
        'apply',
        '--server-side',
        '--field-manager',
        'kubectl',
        '-f',
        '-',
      ],
      {
        input: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels:\n    app.kubernetes.io/managed-by: model-scaling-scaffolder\ndata:\n  owner: someone-else\n`,
      },
    );
    const before = await kubectlJson(env, [
      '-n',
      NAMESPACE,
      'get',
      'configmap',
      name,
    ]);
    const workspace = await mkdtemp(join(tmpdir(), 'cluster-test-takeover-'));
    workspaces.takeover = workspace;
    await writeFile(
      join(workspace, 'config.yaml'),
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  owner: attacker\n`,
    );
    const { ctx } = actionContext(
      {
        cluster: env.CLUSTER_NAME,
        namespace: NAMESPACE,
        manifests: ['config.yaml'],
      },
      workspace,
    );
    await expect(applyAction.handler(ctx)).rejects.toThrow(
      `ConfigMap/${name} already exists in ${env.CLUSTER_NAME}/${NAMESPACE} and was not created by model-service:cluster:apply`,
    );
    const after = await kubectlJson(env, [
      '-n',
      NAMESPACE,
      'get',
      'configmap',
      name,
    ]);
    expect(after.metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );
    expect(after.data).toEqual({ owner: 'someone-else' });
  });

  describe.each(cases.map(c => [c.original, c]))('%s', (_name, c) => {
    const name = String(c.input.name);

    it('plan:create renders the manifests', async () => {
      const workspace = await mkdtemp(join(tmpdir(), `cluster-test-${name}-`));
      workspaces[name] = workspace;
      const { ctx, outputs } = actionContext(c.input, workspace);
      await planAction.handler(ctx);
      patterns[name] = outputs.pattern;
      expect(await readdir(join(workspace, 'k8s'))).not.toHaveLength(0);
    });

    it('cluster:apply passes a server-side dry run and stores nothing', async () => {
      const { ctx, outputs } = actionContext(
        {
          cluster: env.CLUSTER_NAME,
          namespace: NAMESPACE,
          manifests: ['k8s'],
          dryRun: true,
        },
        workspaces[name],
      );
      await applyAction.handler(ctx);
      const applied = outputs.applied as Applied[];
      expect(outputs.dryRun).toBe(true);
      expect(applied.map(a => a.kind)).toEqual(
        expect.arrayContaining(['Deployment', 'Service']),
      );
      expect(applied.every(a => a.result === 'validated')).toBe(true);
      const stored = await kubectlRaw(env, [
        '-n',
        NAMESPACE,
        'get',
        'deployment',
        name,
      ]);
      expect(stored.stderr).toMatch(/NotFound|not found/);
    });

    it('cluster:apply applies it for real, and again without changes', async () => {
      const first = actionContext(
        { cluster: env.CLUSTER_NAME, namespace: NAMESPACE, manifests: ['k8s'] },
        workspaces[name],
      );
      await applyAction.handler(first.ctx);
      const applied = first.outputs.applied as Applied[];
      expect(applied.map(a => a.result)).toEqual(applied.map(() => 'created'));
      for (const a of applied) {
        const obj = await kubectlJson(env, [
          '-n',
          NAMESPACE,
          'get',
          resourceOf(a),
          a.name,
          '--show-managed-fields',
        ]);
        expect(obj.metadata.labels['backstage.io/kubernetes-id']).toBe(name);
        expect(
          obj.metadata.managedFields.map((f: any) => [f.manager, f.operation]),
        ).toContainEqual(['model-scaling-scaffolder', 'Apply']);
        expect(obj.metadata.labels['app.kubernetes.io/managed-by']).toBe(
          'model-scaling-scaffolder',
        );
      }
      const again = actionContext(
        { cluster: env.CLUSTER_NAME, namespace: NAMESPACE, manifests: ['k8s'] },
        workspaces[name],
      );
      await applyAction.handler(again.ctx);
      expect((again.outputs.applied as Applied[]).map(a => a.result)).toEqual(
        applied.map(() => 'unchanged'),
      );
    });

    it('KWOK runs its pods where the real scheduler puts them', async () => {
      const d = await kubectlJson(env, [
        '-n',
        NAMESPACE,
        'get',
        'deployment',
        name,
      ]);
      const want = d.spec.replicas ?? 1;
      if (want === 0) {
        // bursty: scaled to zero until KEDA activates it; nothing to schedule.
        expect(patterns[name]).toBe('bursty');
        return;
      }
      await waitFor(
        `${want} available replicas of ${name}`,
        async () => {
          const cur = await kubectlJson(env, [
            '-n',
            NAMESPACE,
            'get',
            'deployment',
            name,
          ]);
          return (cur.status?.availableReplicas ?? 0) >= want;
        },
        {
          timeoutMs: 120_000,
          describe: async () =>
            (
              await kubectlRaw(env, [
                '-n',
                NAMESPACE,
                'get',
                'pods',
                '-l',
                `backstage.io/kubernetes-id=${name}`,
                '-o',
                'wide',
              ])
            ).stdout +
            (
              await kubectlRaw(env, [
                '-n',
                NAMESPACE,
                'get',
                'events',
                '--field-selector',
                'reason=FailedScheduling',
              ])
            ).stdout,
        },
      );
    });
  });

  describe('the backend reports the generated services', () => {
    let backend: TestBackend;
    const entities: Entity[] = cases.map(c => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: String(c.input.name),
        namespace: 'default',
        annotations: {
          'backstage.io/kubernetes-id': String(c.input.name),
          'backstage.io/kubernetes-namespace': NAMESPACE,
        },
      },
      spec: {
        type: 'model-service',
        lifecycle: 'experimental',
        owner: 'team-nlp',
      },
    }));

    beforeAll(async () => {
      backend = await startTestBackend({
        features: [
          modelScalingPlugin,
          catalogServiceMock.factory({ entities }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
          mockServices.rootConfig.factory({
            data: {
              kubernetes: {
                clusterLocatorMethods: [
                  {
                    type: 'config',
                    clusters: [
                      {
                        name: env.CLUSTER_NAME,
                        url: env.URL,
                        authProvider: 'serviceAccount',
                        serviceAccountToken: env.TOKEN,
                        caData: env.CA,
                      },
                    ],
                  },
                ],
              },
              modelScaling: { triton: { enabled: false } },
            },
          }),
        ],
      });
    });

    afterAll(async () => {
      await backend?.stop();
    });

    it.each(cases.map(c => [String(c.input.name)]))('%s', async name => {
      const s = await waitFor<EntityScalingStatus>(
        `the status of ${name}`,
        async () => {
          const res = await request(backend.server)
            .get(
              `/api/model-scaling/v1/entities/default/component/${name}/status`,
            )
            .set('Authorization', USER);
          const body = res.body as EntityScalingStatus;
          return res.status === 200 && body.workloads?.length === 1
            ? body
            : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      const w = s.workloads[0];
      expect({
        cluster: w.cluster,
        namespace: w.namespace,
        name: w.name,
      }).toEqual({
        cluster: env.CLUSTER_NAME,
        namespace: NAMESPACE,
        name,
      });
      const pattern = patterns[name];
      expect(w.autoscaler.type).toBe(
        pattern === 'realtime-cpu' ? 'hpa' : 'keda',
      );
      expect(w.autoscaler.conflicting).toEqual([]);
      expect(w.pods.length).toBe(w.replicas.current);
      expect(w.pods.every(p => p.phase === 'Running')).toBe(true);
      if (pattern !== 'realtime-cpu') expect(w.gpu.mode).not.toBe('none');
    });
  });
});
