import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { detectDrift } from './detectDrift';
import { DEFAULT_PATTERN_PRESETS } from '../patterns/presets';
import { resolvePatternPresets } from '../patterns/resolvePatternPresets';
import { createPlan } from '../plan/createPlan';
import {
  batchEmbedderAnswers,
  imageClassifierAnswers,
  summarizerAnswers,
  textClassifierAnswers,
} from '../plan/fixtures';
import { renderServiceFiles } from '../render/renderManifests';
import { readManifests, ManifestFile } from '../lint/readManifests';
import { manifestWorkloads } from '../lint/manifestWorkloads';
import { manifestWorkloadStatus } from '../lint/manifestWorkloadStatus';
import type { ModelServiceAnswers } from '../plan/answersSchema';
import type { WorkloadStatus } from '../types/status';

function statusOf(files: ManifestFile[]): WorkloadStatus {
  const [workload] = manifestWorkloads(readManifests(files));
  return manifestWorkloadStatus(workload);
}

function planned(answers: ModelServiceAnswers) {
  const plan = createPlan(answers);
  return { plan, status: statusOf(renderServiceFiles(plan)) };
}

/** The demo's cluster objects of one example service (examples/cluster/<name>). */
function exampleFiles(name: string): ManifestFile[] {
  const root = join(__dirname, '../../../../examples/cluster');
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap(entry => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return walk(join(root, name)).map(path => ({
    path: relative(root, path),
    content: readFileSync(path, 'utf8'),
  }));
}

describe('detectDrift', () => {
  it('finds none for a realtime-cpu service rendered from the presets', () => {
    const { status } = planned(textClassifierAnswers);
    expect(
      detectDrift(status, 'realtime-cpu', DEFAULT_PATTERN_PRESETS),
    ).toEqual([]);
  });

  it('reports only the replica bound a plan raised for its peak', () => {
    const { status } = planned(imageClassifierAnswers);
    expect(
      detectDrift(status, 'realtime-gpu', DEFAULT_PATTERN_PRESETS),
    ).toEqual([
      {
        field: 'scaledObject.spec.maxReplicaCount',
        expected: '8',
        actual: '15',
      },
    ]);
  });

  it('reports answers that left the golden path', () => {
    const { status } = planned({
      ...batchEmbedderAnswers,
      spot: false,
    });
    const drift = detectDrift(status, 'async-batch', DEFAULT_PATTERN_PRESETS);
    expect(drift).toEqual([
      {
        field: 'scaledObject.spec.triggers[kafka].metadata.lagThreshold',
        expected: '100',
        actual: '2000',
      },
    ]);
    // Spot is not compared before pods run; once they do, on-demand nodes are drift.
    const running: WorkloadStatus = {
      ...status,
      pods: [
        {
          name: 'batch-embedder-1',
          phase: 'Running',
          ready: true,
          restartCount: 0,
          spot: false,
        },
      ],
    };
    expect(
      detectDrift(running, 'async-batch', DEFAULT_PATTERN_PRESETS),
    ).toContainEqual({
      field: 'spot',
      expected: 'true',
      actual: 'false',
    });
  });

  it('compares against resolved presets', () => {
    const { status } = planned(summarizerAnswers);
    const presets = resolvePatternPresets({
      bursty: { gpuSharing: 'mig', migProfile: '1g.18gb' },
    });
    expect(detectDrift(status, 'bursty', presets)).toEqual([
      {
        field: 'scaledObject.spec.triggers[prometheus].metadata.threshold',
        expected: '100',
        actual: '20',
      },
      {
        field:
          'scaledObject.spec.triggers[prometheus].metadata.activationThreshold',
        expected: '0',
        actual: '1',
      },
    ]);
  });

  it('reads the drift of the demo services from their cluster objects', () => {
    const text = statusOf(exampleFiles('text-classifier'));
    expect(detectDrift(text, 'realtime-cpu', DEFAULT_PATTERN_PRESETS)).toEqual([
      {
        field: 'hpa.spec.behavior.scaleDown.stabilizationWindowSeconds',
        expected: '60',
        actual: '120',
      },
    ]);
    const image = statusOf(exampleFiles('image-classifier'));
    expect(detectDrift(image, 'realtime-gpu', DEFAULT_PATTERN_PRESETS)).toEqual(
      expect.arrayContaining([
        {
          field: 'scaledObject.spec.minReplicaCount',
          expected: '1',
          actual: '2',
        },
        {
          field:
            'triton.resnet50.dynamic_batching.max_queue_delay_microseconds',
          expected: '5000',
          actual: '100',
        },
      ]),
    );
  });

  it('reports a workload scaled by the wrong kind of autoscaler, or by two', () => {
    const { status } = planned(textClassifierAnswers);
    const keda = planned(imageClassifierAnswers).status.autoscaler;
    const wrong: WorkloadStatus = { ...status, autoscaler: keda };
    expect(
      detectDrift(wrong, 'realtime-cpu', DEFAULT_PATTERN_PRESETS)[0],
    ).toEqual({
      field: 'autoscaler.type',
      expected: 'hpa',
      actual: 'keda',
    });
    const both: WorkloadStatus = {
      ...status,
      autoscaler: {
        ...status.autoscaler,
        conflicting: [
          'ScaledObject/text-classifier',
          'HorizontalPodAutoscaler/text-classifier',
        ],
      },
    };
    expect(detectDrift(both, 'realtime-cpu', DEFAULT_PATTERN_PRESETS)).toEqual([
      { field: 'autoscaler.count', expected: '1', actual: '2' },
    ]);
  });

  it('says when the scale-down window is the Kubernetes default', () => {
    const { status } = planned(textClassifierAnswers);
    const hpa = status.autoscaler.hpa!;
    const noBehavior: WorkloadStatus = {
      ...status,
      autoscaler: {
        ...status.autoscaler,
        hpa: {
          ...hpa,
          behavior: undefined,
          scaleDownStabilizationSeconds: 300,
        },
      },
    };
    expect(
      detectDrift(noBehavior, 'realtime-cpu', DEFAULT_PATTERN_PRESETS),
    ).toEqual([
      {
        field: 'hpa.spec.behavior.scaleDown.stabilizationWindowSeconds',
        expected: '60',
        actual: '300 (Kubernetes default)',
      },
    ]);
  });
});
