import fc from 'fast-check';
import { lintManifests, lintPlan } from './lintManifests';
import { createPlan } from '../plan/createPlan';
import { PlanValidationError } from '../plan/PlanValidationError';
import {
  batchEmbedderAnswers,
  imageClassifierAnswers,
  summarizerAnswers,
  textClassifierAnswers,
} from '../plan/fixtures';
import { renderServiceFiles } from '../render/renderManifests';
import { DEFAULT_PATTERN_PRESETS } from '../patterns/presets';
import { answersArbitrary } from '../__testUtils__/answersArbitrary';
import type { ModelServicePlan } from '../plan/planSchema';
import type { Finding } from '../types/status';

function ids(findings: Finding[]) {
  return findings.map(f => `${f.severity}:${f.id}`);
}

function filesOf(plan: ModelServicePlan) {
  return renderServiceFiles(plan).map(({ path, content }) => ({
    path,
    content,
  }));
}

describe('lintManifests', () => {
  it('finds no errors in the four example plans', () => {
    for (const answers of [
      textClassifierAnswers,
      imageClassifierAnswers,
      batchEmbedderAnswers,
      summarizerAnswers,
    ]) {
      const errors = lintPlan(createPlan(answers)).filter(
        f => f.severity === 'error',
      );
      expect(errors).toEqual([]);
    }
  });

  it('reports an HPA on a removed API version and a missing target', () => {
    const files = filesOf(createPlan(textClassifierAnswers)).map(f =>
      f.path === 'k8s/hpa.yaml'
        ? {
            ...f,
            content: f.content
              .replace('autoscaling/v2', 'autoscaling/v2beta2')
              .replace(
                /name: text-classifier\n(\s+)minReplicas/,
                'name: text-clasifier\n$1minReplicas',
              ),
          }
        : f,
    );
    const findings = lintManifests(files);
    expect(ids(findings)).toEqual(
      expect.arrayContaining([
        'error:hpa-api-version-removed',
        'error:autoscaler-target-missing',
      ]),
    );
    const missing = findings.find(f => f.id === 'autoscaler-target-missing')!;
    expect(missing.title).toBe(
      'HorizontalPodAutoscaler/text-classifier scales Deployment text-clasifier, which is not in these manifests',
    );
    expect(missing.evidence).toMatch(/^k8s\/hpa\.yaml line 3: /);
  });

  it('reports GPU requests without equal limits and unloadable Triton configs', () => {
    const files = filesOf(createPlan(imageClassifierAnswers)).map(f => {
      if (f.path === 'k8s/deployment.yaml') {
        return {
          ...f,
          content: f.content.replace(
            /limits:\n(\s+)memory: (\S+)\n\s+nvidia.com\/gpu: "1"\n/,
            'limits:\n$1memory: $2\n',
          ),
        };
      }
      if (f.path.endsWith('config.pbtxt')) {
        return {
          ...f,
          content: f.content.replace('max_batch_size: 32', 'max_batch_size: 8'),
        };
      }
      return f;
    });
    const findings = lintManifests(files);
    expect(ids(findings)).toEqual(
      expect.arrayContaining([
        'error:gpu-limit-mismatch',
        'error:triton-preferred-batch-size-invalid',
      ]),
    );
    expect(
      findings.find(f => f.id === 'triton-preferred-batch-size-invalid')!
        .evidence,
    ).toBe(
      'model_repository/resnet50/config.pbtxt: preferred_batch_size 16 > max_batch_size 8 ("dynamic batching preferred size must be <= max batch size").',
    );
  });

  it('reports missing labels, selector mismatches, lost Services and missing TriggerAuthentications', () => {
    const plan = createPlan({
      ...batchEmbedderAnswers,
      queue: { ...batchEmbedderAnswers.queue, sasl: 'scram_sha512' },
    });
    const files = filesOf(plan).map(f => {
      if (f.path === 'k8s/deployment.yaml') {
        // Drop the label from the pod template (its second occurrence).
        const lines = f.content.split('\n');
        const idLines = lines
          .map((l, i) =>
            l.trim() === 'backstage.io/kubernetes-id: batch-embedder' ? i : -1,
          )
          .filter(i => i >= 0);
        lines.splice(idLines[1], 1);
        return { ...f, content: lines.join('\n') };
      }
      if (f.path === 'k8s/service.yaml') {
        return {
          ...f,
          content: f.content.replace(
            /selector:\n(\s+)app.kubernetes.io\/name: batch-embedder/,
            'selector:\n$1app: batch-embedder',
          ),
        };
      }
      if (f.path === 'k8s/scaledobject.yaml') {
        return { ...f, content: f.content.split('---\n')[1] };
      }
      return f;
    });
    expect(ids(lintManifests(files))).toEqual(
      expect.arrayContaining([
        'warning:kubernetes-id-label-missing',
        'warning:service-selects-nothing',
        'warning:trigger-authentication-missing',
      ]),
    );
    const broken = filesOf(plan).map(f =>
      f.path === 'k8s/deployment.yaml'
        ? {
            ...f,
            content: f.content.replace(
              /matchLabels:\n(\s+)app.kubernetes.io\/name: batch-embedder/,
              'matchLabels:\n$1app.kubernetes.io/name: embedder',
            ),
          }
        : f,
    );
    expect(ids(lintManifests(broken))).toContain(
      'error:deployment-selector-mismatch',
    );
  });

  it('runs the scaling pitfall rules on each Deployment', () => {
    const files = filesOf(createPlan(textClassifierAnswers)).map(f => {
      if (f.path === 'k8s/hpa.yaml') {
        // An HPA without behavior: the controller's 300 s scale-down default applies.
        return {
          ...f,
          content: f.content.slice(0, f.content.indexOf('  behavior:')),
        };
      }
      if (f.path === 'k8s/deployment.yaml') {
        // A server container without requests: utilization cannot be computed.
        return {
          ...f,
          content: f.content.replace(
            /\n\s+resources:\n\s+requests:\n\s+cpu: \S+\n\s+memory: \S+\n\s+limits:\n\s+memory: \S+/,
            '',
          ),
        };
      }
      return f;
    });
    const findings = lintManifests(files);
    expect(ids(findings)).toEqual(
      expect.arrayContaining([
        'error:utilization-without-requests',
        expect.stringMatching(/^(info|warning):default-scale-down-window$/),
      ]),
    );
    expect(findings[0].severity).toBe('error');
  });

  it('reports drift from the presets as info when asked', () => {
    const files = filesOf(createPlan(imageClassifierAnswers));
    const findings = lintManifests(files, { presets: DEFAULT_PATTERN_PRESETS });
    const drift = findings.find(f => f.id === 'golden-path-drift');
    expect(drift?.severity).toBe('info');
    expect(drift?.evidence).toBe(
      'scaledObject.spec.maxReplicaCount: 15 (preset 8)',
    );
  });

  it('reads unreadable files as errors and warns about repositories without a Deployment', () => {
    expect(
      ids(lintManifests([{ path: 'k8s/x.yaml', content: 'a: [1, 2' }])),
    ).toEqual(['error:manifest-parse-error']);
    const serviceOnly = filesOf(createPlan(textClassifierAnswers)).filter(
      f => f.path === 'k8s/service.yaml',
    );
    expect(ids(lintManifests(serviceOnly))).toEqual([
      'warning:no-deployment',
      'warning:service-selects-nothing',
    ]);
  });
});

describe('lintPlan over any accepted answers', () => {
  it('finds no error in a plan that createPlan accepts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(answersArbitrary, answers => {
        let plan: ModelServicePlan;
        try {
          plan = createPlan(answers);
        } catch (e) {
          if (e instanceof PlanValidationError) return;
          throw e;
        }
        accepted++;
        const errors = lintPlan(plan).filter(f => f.severity === 'error');
        expect(errors).toEqual([]);
      }),
      { numRuns: 400 },
    );
    // The generator must exercise real plans, not only refusals.
    expect(accepted).toBeGreaterThan(100);
  });
});
