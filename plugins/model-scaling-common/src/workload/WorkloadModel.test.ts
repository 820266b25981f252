import {
  deployment,
  hpa,
  kedaHpa,
  node,
  pod,
  scaledObject,
} from '../findings/__fixtures__/records';
import { readManifests } from '../lint/readManifests';
import { manifestWorkloads } from '../lint/manifestWorkloads';
import { createPlan } from '../plan/createPlan';
import { imageClassifierAnswers } from '../plan/fixtures';
import { renderServiceFiles } from '../render/renderManifests';
import * as resolvers from '../status/autoscalerView';
import { buildWorkloadStatus } from './buildWorkloadStatus';
import { buildWorkloadModel } from './WorkloadModel';

// Counts the calls of the resolvers of the autoscalers that target a workload.
jest.mock('../status/autoscalerView', () => {
  const actual = jest.requireActual('../status/autoscalerView');
  return {
    ...actual,
    hpasTargeting: jest.fn(actual.hpasTargeting),
    scaledObjectsTargeting: jest.fn(actual.scaledObjectsTargeting),
  };
});

const hpasTargeting = resolvers.hpasTargeting as jest.Mock;
const scaledObjectsTargeting = resolvers.scaledObjectsTargeting as jest.Mock;

const labelled = (name: string, app: string, nodeName?: string) => {
  const p = pod(name, nodeName ? { nodeName } : {});
  return {
    ...p,
    meta: { ...p.meta, labels: { 'app.kubernetes.io/name': app } },
  };
};

describe('buildWorkloadModel', () => {
  beforeEach(() => jest.clearAllMocks());

  it('resolves the targeting autoscalers once per workload for the whole status document', () => {
    const status = buildWorkloadStatus({
      cluster: 'demo',
      deployment: deployment('image-classifier'),
      hpas: [
        hpa('image-classifier'),
        kedaHpa('image-classifier'),
        hpa('text-classifier'),
      ],
      scaledObjects: [scaledObject('image-classifier')],
      now: '2026-11-28T10:10:00Z',
    });
    // The view, the rescale events and every findings rule read one model.
    expect(hpasTargeting).toHaveBeenCalledTimes(1);
    expect(scaledObjectsTargeting).toHaveBeenCalledTimes(1);
    expect(status.autoscaler.type).toBe('keda');
    expect(status.autoscaler.conflicting).toEqual([
      'ScaledObject/image-classifier',
      'HorizontalPodAutoscaler/image-classifier',
    ]);
    expect(status.findings.map(f => f.id)).toContain('hpa-and-keda-conflict');
  });

  it('holds the targeting autoscalers, KEDA’s own HPA and their views', () => {
    const model = buildWorkloadModel({
      deployment: deployment('image-classifier'),
      hpas: [
        hpa('image-classifier'),
        kedaHpa('image-classifier'),
        hpa('text-classifier'),
      ],
      scaledObjects: [scaledObject('image-classifier'), scaledObject('other')],
    });
    expect(model.workload).toBe('Deployment/image-classifier');
    expect(model.hpas.map(h => h.meta.name)).toEqual([
      'image-classifier',
      'keda-hpa-image-classifier',
    ]);
    expect(model.independentHpas.map(h => h.meta.name)).toEqual([
      'image-classifier',
    ]);
    expect(model.scaledObjects.map(s => s.meta.name)).toEqual([
      'image-classifier',
    ]);
    expect(model.kedaHpaOf.get('image-classifier')?.meta.name).toBe(
      'keda-hpa-image-classifier',
    );
    expect([...model.kedaOwnedHpas]).toEqual(['keda-hpa-image-classifier']);
    expect([...model.hpaViews.keys()]).toEqual([
      'image-classifier',
      'keda-hpa-image-classifier',
    ]);
    expect([...model.kedaViews.keys()]).toEqual(['image-classifier']);
    expect(model.autoscaler?.keda?.name).toBe('image-classifier');
  });

  it('takes every given autoscaler when there is no Deployment', () => {
    const model = buildWorkloadModel({
      hpas: [hpa('a'), hpa('b')],
      scaledObjects: [scaledObject('c')],
    });
    expect(model.workload).toBeUndefined();
    expect(model.autoscaler).toBeUndefined();
    expect(model.hpas.map(h => h.meta.name)).toEqual(['a', 'b']);
    expect(model.scaledObjects.map(s => s.meta.name)).toEqual(['c']);
    expect(model.gpu.mode).toBe('none');
  });

  it('picks the workload’s pods and spot nodes from whole-namespace lists', () => {
    const spot = node('spot-1', { 'cloud.google.com/gke-spot': 'true' });
    const other = {
      ...node('far', {}),
      meta: { ...node('far', {}).meta, cluster: 'eu' },
    };
    const model = buildWorkloadModel({
      pickWorkloadRecords: true,
      deployment: deployment('image-classifier'),
      pods: [
        labelled('image-classifier-b', 'image-classifier', 'spot-1'),
        labelled('image-classifier-a', 'image-classifier'),
        labelled('text-classifier-a', 'text-classifier'),
      ],
      nodes: [spot, other],
    });
    expect(model.pods.map(p => p.meta.name)).toEqual([
      'image-classifier-a',
      'image-classifier-b',
    ]);
    expect(model.nodes.map(n => n.meta.name)).toEqual(['spot-1']);
    expect([...model.spotNodes]).toEqual(['spot-1']);
  });

  it('reads pattern, SLO and cold-start budget from the annotations unless given', () => {
    const d = deployment('image-classifier');
    d.meta.annotations = {
      'model-scaling.io/pattern': 'bursty',
      'model-scaling.io/latency-slo-ms': '250',
      'model-scaling.io/cold-start-budget-seconds': 'soon',
    };
    const model = buildWorkloadModel({ deployment: d, latencySloMs: 100 });
    expect(model.pattern).toBe('bursty');
    expect(model.latencySloMs).toBe(100);
    expect(model.coldStartBudgetSeconds).toBeUndefined();
  });

  it('is the same model on the lint path, built from the manifests once', () => {
    const read = readManifests(
      renderServiceFiles(createPlan(imageClassifierAnswers)).map(
        ({ path, content }) => ({ path, content }),
      ),
    );
    jest.clearAllMocks();
    const [w] = manifestWorkloads(read);
    expect(hpasTargeting).toHaveBeenCalledTimes(1);
    expect(w.autoscaler).toBe(w.model.autoscaler);
    expect(w.gpu).toBe(w.model.gpu);
    expect(w.model.workload).toBe(`Deployment/${w.deployment.meta.name}`);
    expect(w.hpas).toBe(w.model.hpas);
    expect(w.scaledObjects).toBe(w.model.scaledObjects);
    expect(w.scaledObjects.map(s => s.meta.name)).toEqual([
      w.deployment.meta.name,
    ]);
    expect(w.model.tritonConfigs.map(c => c.model)).toEqual(
      w.tritonConfigs.map(c => c.model),
    );
  });
});
