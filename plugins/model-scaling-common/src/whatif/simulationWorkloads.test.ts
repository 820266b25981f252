import { readManifests } from '../lint/readManifests';
import {
  batchEmbedderAnswers,
  imageClassifierAnswers,
  summarizerAnswers,
  textClassifierAnswers,
} from '../plan/fixtures';
import { createPlan } from '../plan/createPlan';
import { renderManifests } from '../render/renderManifests';
import type {
  SlimDeployment,
  SlimHpa,
  SlimScaledObject,
} from '../types/status';
import { buildWorkloadStatus } from '../workload/buildWorkloadStatus';
import { simulationInputFromWorkload } from './simulationInputFromWorkload';
import {
  simulationWorkloadFromPlan,
  simulationWorkloadsFromManifests,
} from './simulationWorkloads';
import { whatIfDefaults } from './whatIfDefaults';

/** The HPA the KEDA operator creates for a ScaledObject: its bounds, its advanced behavior, one External metric per trigger. */
function hpaKedaCreates(so: SlimScaledObject, deployment: string): SlimHpa {
  const hpa: SlimHpa = {
    kind: 'HorizontalPodAutoscaler',
    meta: {
      ...so.meta,
      name: `keda-hpa-${so.meta.name}`,
      labels: {
        'app.kubernetes.io/managed-by': 'keda-operator',
        'scaledobject.keda.sh/name': so.meta.name,
      },
      annotations: {},
    },
    scaleTargetRef: {
      kind: 'Deployment',
      name: deployment,
      apiVersion: 'apps/v1',
    },
    minReplicas: so.minReplicaCount ?? 1,
    maxReplicas: so.maxReplicaCount ?? 100,
    metrics: so.triggers.map((t, i) => ({
      type: 'External' as const,
      external: {
        metric: { name: `s${i}-${t.type}` },
        target: { type: 'AverageValue' as const, averageValue: '1' },
      },
    })),
    status: {
      currentReplicas: 0,
      desiredReplicas: 0,
      currentMetrics: [],
      conditions: [],
    },
  };
  if (so.hpaBehavior) hpa.behavior = so.hpaBehavior;
  return hpa;
}

const LOAD = [
  { t: 0, rps: 50 },
  { t: 600, rps: 900 },
  { t: 1800, rps: 100 },
];

describe.each([
  ['image-classifier (KEDA request rate)', imageClassifierAnswers],
  ['text-classifier (HPA on CPU)', textClassifierAnswers],
  ['batch-embedder (KEDA kafka)', batchEmbedderAnswers],
  ['summarizer', summarizerAnswers],
])('%s', (_name, answers) => {
  const plan = createPlan(answers);
  const read = readManifests(renderManifests(plan));
  const fromPlan = simulationWorkloadFromPlan(plan);

  // The same workload as the backend assembles it from the cluster once
  // applied: the same objects, plus the HPA KEDA makes for a ScaledObject.
  const deployment = read.slim.find(
    (s): s is SlimDeployment => s.kind === 'Deployment',
  )!;
  const scaledObjects = read.slim.filter(
    (s): s is SlimScaledObject => s.kind === 'ScaledObject',
  );
  const live = buildWorkloadStatus({
    cluster: deployment.meta.cluster,
    deployment,
    hpas: [
      ...read.slim.filter(
        (s): s is SlimHpa => s.kind === 'HorizontalPodAutoscaler',
      ),
      ...scaledObjects.map(so => hpaKedaCreates(so, deployment.meta.name)),
    ],
    scaledObjects,
    tritonConfigs: read.tritonConfigs,
  });

  it('gives the what-if the same defaults from the plan as from the live status', () => {
    expect(whatIfDefaults(fromPlan.status, fromPlan.context)).toEqual(
      whatIfDefaults(live, fromPlan.context),
    );
  });

  it('gives the simulator the same input from the plan as from the live status', () => {
    const { settings } = whatIfDefaults(live, fromPlan.context);
    for (const s of [settings, { ...settings, load: LOAD }]) {
      expect(simulationInputFromWorkload(fromPlan.status, s)).toEqual(
        simulationInputFromWorkload(live, s),
      );
    }
  });
});

describe('simulationWorkloadFromPlan', () => {
  it('reads the plan’s rendered manifests like any repository', () => {
    const plan = createPlan(imageClassifierAnswers);
    const [fromManifests] = simulationWorkloadsFromManifests(
      readManifests(renderManifests(plan)),
    );
    const fromPlan = simulationWorkloadFromPlan(plan);
    expect(fromPlan.status).toEqual(fromManifests.status);
    expect(fromPlan.status.autoscaler.type).toBe('keda');
    expect(fromPlan.context.pattern).toBe(plan.pattern);
    expect(fromPlan.context.coldStartBudgetSeconds).toBeGreaterThan(0);
  });
});

describe('simulationInputFromWorkload', () => {
  const { status, context } = simulationWorkloadFromPlan(
    createPlan(textClassifierAnswers),
  );
  const { settings, model } = whatIfDefaults(status, context);

  it('simulates a day of the settings’ shape, or the load it is given for as long as it lasts', () => {
    const day = simulationInputFromWorkload(status, settings);
    expect(day.durationSeconds).toBe(86400);
    expect(Math.max(...day.load.map(p => p.rps))).toBeCloseTo(settings.peakRps);
    const given = simulationInputFromWorkload(status, {
      ...settings,
      load: LOAD,
    });
    expect(given.load).toEqual(LOAD);
    expect(given.durationSeconds).toBeUndefined();
    expect(given.autoscaler).toEqual(day.autoscaler);
  });

  it('reads the model from the workload when none is given', () => {
    expect(simulationInputFromWorkload(status, settings)).toEqual(
      simulationInputFromWorkload(status, settings, model),
    );
  });

  it('keeps a ScaledObject’s advanced behavior, with the scale-down window of the settings', () => {
    const keda = simulationWorkloadFromPlan(createPlan(imageClassifierAnswers));
    const defaults = whatIfDefaults(keda.status, keda.context).settings;
    const input = simulationInputFromWorkload(keda.status, {
      ...defaults,
      scaleDownWindowSeconds: 42,
    });
    expect(input.autoscaler.kind).toBe('ScaledObject');
    const behavior =
      input.autoscaler.kind === 'ScaledObject'
        ? input.autoscaler.hpaBehavior
        : undefined;
    expect(behavior?.scaleDown?.stabilizationWindowSeconds).toBe(42);
    expect(behavior).toMatchObject({
      ...keda.status.autoscaler.keda?.hpaBehavior,
      scaleDown: { stabilizationWindowSeconds: 42 },
    });
    expect(defaults.scaleDownWindowSeconds).toBe(
      keda.status.autoscaler.keda?.hpaBehavior?.scaleDown
        ?.stabilizationWindowSeconds ?? 300,
    );
  });
});
