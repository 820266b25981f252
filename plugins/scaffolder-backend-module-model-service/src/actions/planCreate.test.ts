import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_PATTERN_PRESETS,
  PlanValidationError,
  resolvePatternPresets,
} from '@internal/plugin-model-scaling-common';
import yaml from 'yaml';
import { createMockActionContext } from '../__testUtils__/createMockActionContext';
import { exampleSteps } from '../__testUtils__/exampleSteps';
import { createPlanCreateAction } from './planCreate';
import { examples } from './planCreate.examples';

const [cpu, gpu, batch, bursty] = examples.map(e => exampleSteps(e)[0].input);

describe('model-service:plan:create', () => {
  const workspace = createMockDirectory();
  const action = createPlanCreateAction({ presets: DEFAULT_PATTERN_PRESETS });

  beforeEach(() => workspace.clear());

  async function run(
    input: Record<string, unknown>,
    workspacePath = workspace.path,
  ) {
    const ctx = createMockActionContext({ input: input as any, workspacePath });
    await action.handler(ctx as any);
    return ctx;
  }

  function manifests(): any[] {
    const k8s = workspace.content({ path: 'k8s' }) as Record<string, string>;
    return Object.values(k8s).flatMap(text =>
      yaml
        .parseAllDocuments(text)
        .map(d => d.toJS())
        .filter(Boolean),
    );
  }

  it('realtime-cpu (auto): writes an HPA on CPU 70 % and memory 80 %, no Triton config', async () => {
    const ctx = await run(cpu);
    expect(ctx.outputs.pattern).toBe('realtime-cpu');
    expect(ctx.outputs.recommendedPattern).toBe('realtime-cpu');
    const objects = manifests();
    const hpa = objects.find(o => o.kind === 'HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 20 });
    expect(
      hpa.spec.metrics.map((m: any) => [
        m.resource.name,
        m.resource.target.averageUtilization,
      ]),
    ).toEqual([
      ['cpu', 70],
      ['memory', 80],
    ]);
    expect(hpa.spec.behavior.scaleDown.stabilizationWindowSeconds).toBe(60);
    expect(objects.some(o => o.kind === 'ScaledObject')).toBe(false);
    expect(workspace.content({ path: '.' })).not.toHaveProperty(
      'model_repository',
    );
    expect(ctx.outputs.plan).toMatchObject({
      name: 'text-classifier',
      namespace: 'ml-serving',
      autoscaler: 'hpa',
      trigger: 'cpu-memory',
      gpuSharing: 'none',
      tritonModels: '',
      minReplicas: 2,
      maxReplicas: 20,
    });
    expect(ctx.outputs.files).toEqual(
      expect.arrayContaining(['scripts/load-test.sh', 'docs/scaling.md']),
    );
    for (const file of ctx.outputs.files as string[]) {
      await expect(stat(join(workspace.path, file))).resolves.toBeTruthy();
    }
    const script = await stat(join(workspace.path, 'scripts/load-test.sh'));
    expect(script.mode & 0o111).toBe(0o111);
  });

  it('realtime-gpu: Triton config with the batching, a GPU request and a KEDA prometheus trigger', async () => {
    const ctx = await run(gpu);
    expect(ctx.outputs.pattern).toBe('realtime-gpu');
    const config = workspace.content({
      path: 'model_repository/resnet50',
      shouldReadAsText: true,
    }) as Record<string, string>;
    expect(config['config.pbtxt']).toMatch(
      /preferred_batch_size: \[ ?4, 8, 16 ?\]/,
    );
    expect(config['config.pbtxt']).toMatch(
      /max_queue_delay_microseconds: 5000/,
    );
    const objects = manifests();
    const deployment = objects.find(o => o.kind === 'Deployment');
    const limits = deployment.spec.template.spec.containers
      .map((c: any) => c.resources?.limits ?? {})
      .find((l: any) => l['nvidia.com/gpu']);
    expect(limits['nvidia.com/gpu']).toBeDefined();
    const scaled = objects.find(o => o.kind === 'ScaledObject');
    expect(scaled.spec.triggers[0].type).toBe('prometheus');
    expect(objects.some(o => o.kind === 'HorizontalPodAutoscaler')).toBe(false);
    expect(ctx.outputs.plan).toMatchObject({
      autoscaler: 'keda',
      trigger: 'prometheus',
      gpuSharing: 'exclusive',
      gpuResource: 'nvidia.com/gpu',
      tritonModels: 'resnet50',
    });
  });

  it('async-batch: KEDA kafka trigger, spot affinity and tolerations', async () => {
    const ctx = await run(batch);
    expect(ctx.outputs.pattern).toBe('async-batch');
    const objects = manifests();
    const scaled = objects.find(o => o.kind === 'ScaledObject');
    expect(scaled.spec.triggers[0]).toMatchObject({
      type: 'kafka',
      metadata: expect.objectContaining({
        topic: 'documents-to-embed',
        lagThreshold: '100',
      }),
    });
    const pod = objects.find(o => o.kind === 'Deployment').spec.template.spec;
    expect(
      JSON.stringify(pod.affinity ?? {}) +
        JSON.stringify(pod.tolerations ?? []),
    ).toMatch(/spot/i);
    expect(
      workspace.content({ path: 'model_repository/bert-embedder' }),
    ).toHaveProperty(['config.pbtxt']);
    expect(ctx.outputs.plan).toMatchObject({
      trigger: 'kafka',
      gpuSharing: 'time-slicing',
    });
  });

  it('bursty: KEDA minReplicaCount 0 with an activation threshold and the cold-start budget in the docs', async () => {
    const ctx = await run(bursty);
    expect(ctx.outputs.pattern).toBe('bursty');
    const scaled = manifests().find(o => o.kind === 'ScaledObject');
    expect(scaled.spec.minReplicaCount).toBe(0);
    expect(scaled.spec.triggers[0].metadata.activationThreshold).toBe('1');
    const docs = workspace.content({ path: 'docs' }) as Record<string, string>;
    expect(docs['scaling.md']).toContain('| Cold-start budget | 120 s |');
    expect(ctx.outputs.plan).toMatchObject({
      minReplicas: 0,
      gpuSharing: 'mig',
      gpuResource: 'nvidia.com/mig-1g.18gb',
      coldStartBudgetSeconds: 120,
    });
  });

  it('writes under targetPath and reports the files relative to the workspace', async () => {
    const ctx = await run({ ...cpu, targetPath: 'service' });
    expect(
      (ctx.outputs.files as string[]).every(f => f.startsWith('service/')),
    ).toBe(true);
    expect(workspace.content({ path: 'service/docs' })).toHaveProperty([
      'scaling.md',
    ]);
  });

  it('uses the configured presets', async () => {
    const presetAction = createPlanCreateAction({
      presets: resolvePatternPresets({
        'realtime-cpu': { cpuTargetUtilization: 55, maxReplicas: 7 },
      }),
    });
    const ctx = createMockActionContext({
      input: cpu as any,
      workspacePath: workspace.path,
    });
    await presetAction.handler(ctx as any);
    const hpa = manifests().find(o => o.kind === 'HorizontalPodAutoscaler');
    expect(hpa.spec.maxReplicas).toBe(7);
    expect(hpa.spec.metrics[0].resource.target.averageUtilization).toBe(55);
  });

  it('reads option objects the template left empty as "not given"', async () => {
    const ctx = await run({
      ...cpu,
      gpu: { sharing: undefined },
      hpa: {},
      replicas: { min: undefined, max: undefined },
      queue: {},
    });
    expect(ctx.outputs.pattern).toBe('realtime-cpu');
  });

  describe('refusals name the field and the rule, and write nothing', () => {
    async function refused(input: Record<string, unknown>) {
      const ctx = createMockActionContext({
        input: input as any,
        workspacePath: workspace.path,
      });
      const error = await action.handler(ctx as any).then(
        () => undefined,
        e => e,
      );
      expect(error).toBeInstanceOf(InputError);
      expect(workspace.content()).toEqual({});
      return error.message as string;
    }

    it('a name that is not a DNS-1123 label', async () => {
      expect(await refused({ ...cpu, name: 'Text_Classifier' })).toMatch(
        /name: .*DNS-1123 label/,
      );
    });

    it('min replicas above max replicas', async () => {
      expect(await refused({ ...cpu, replicas: { min: 5, max: 3 } })).toMatch(
        /replicas\.min: .*replicas\.max \(5 > 3\)/,
      );
    });

    it('a queue delay above the latency SLO', async () => {
      expect(
        await refused({
          ...gpu,
          batching: { maxQueueDelayMicroseconds: 50000 },
        }),
      ).toMatch(
        /batching\.maxQueueDelayMicroseconds: a queue delay of 50000 µs \(50 ms\) .*latency SLO of 20 ms/,
      );
    });

    it('an unknown MIG profile', async () => {
      expect(
        await refused({
          ...bursty,
          gpu: { sharing: 'mig', migProfile: '2g.99gb' },
        }),
      ).toMatch(
        /gpu\.migProfile: "2g\.99gb" is not a known NVIDIA MIG profile/,
      );
    });

    it('a GPU pattern for a model marked CPU-only', async () => {
      expect(await refused({ ...cpu, pattern: 'realtime-gpu' })).toMatch(
        /pattern: realtime-gpu .*CPU-only/,
      );
    });

    it('a PlanValidationError keeps its problems', async () => {
      const ctx = createMockActionContext({
        input: { ...cpu, replicas: { min: 5, max: 3 } } as any,
        workspacePath: workspace.path,
      });
      const error = await action.handler(ctx as any).catch(e => e);
      expect(error).toBeInstanceOf(PlanValidationError);
      expect(error.problems).toEqual([
        { field: 'replicas.min', message: expect.stringContaining('(5 > 3)') },
      ]);
    });

    it('a plan whose check finds errors, with the findings', async () => {
      const checked = createPlanCreateAction({
        presets: DEFAULT_PATTERN_PRESETS,
        checkPlan: plan => [
          {
            id: 'gpu-limit-mismatch',
            severity: 'error',
            title: `Deployment/${plan.name} requests a GPU without a limit`,
            evidence: 'requests nvidia.com/gpu=1, limits unset',
            fix: 'Set limits.nvidia.com/gpu to 1.',
          },
          {
            id: 'default-scale-down-window',
            severity: 'warning',
            title: 'not an error',
            evidence: '',
            fix: '',
          },
        ],
      });
      const ctx = createMockActionContext({
        input: gpu as any,
        workspacePath: workspace.path,
      });
      const error = await checked.handler(ctx as any).catch(e => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(
        'The realtime-gpu plan for image-classifier falls into 1 scaling pitfall(s): [gpu-limit-mismatch] Deployment/image-classifier requests a GPU without a limit: requests nvidia.com/gpu=1, limits unset Fix: Set limits.nvidia.com/gpu to 1.',
      );
      expect(workspace.content()).toEqual({});
    });

    it('a targetPath outside the workspace', async () => {
      expect(await refused({ ...cpu, targetPath: '../elsewhere' })).toBe(
        'targetPath: "../elsewhere" is outside the task workspace',
      );
    });
  });
});
