import {
  deployment,
  hpa,
  kedaHpa,
  scaledObject,
} from '../__fixtures__/records';
import { buildWorkloadModel } from '../../workload/WorkloadModel';
import { hpaAndKedaConflictRule } from './hpaAndKedaConflict';

describe('hpa-and-keda-conflict', () => {
  it('flags a plain HPA next to a ScaledObject on the same Deployment', () => {
    const ctx = buildWorkloadModel({
      deployment: deployment('image-classifier'),
      hpas: [hpa('image-classifier'), kedaHpa('image-classifier')],
      scaledObjects: [scaledObject('image-classifier')],
    });
    const [f] = hpaAndKedaConflictRule.evaluate(ctx);
    expect(f).toMatchObject({
      id: 'hpa-and-keda-conflict',
      severity: 'error',
      subject: 'Deployment/image-classifier',
    });
    expect(f.evidence).toBe(
      "ScaledObject/image-classifier and HorizontalPodAutoscaler/image-classifier all set the replica count of Deployment/image-classifier; each overwrites the other's decision, so replicas flap.",
    );
    expect(f.fix).toContain('transfer-hpa-ownership');
  });

  it('finds the conflict in rendered manifests without a Deployment record', () => {
    const ctx = buildWorkloadModel({
      hpas: [hpa('summarizer')],
      scaledObjects: [scaledObject('summarizer')],
    });
    expect(hpaAndKedaConflictRule.evaluate(ctx)).toHaveLength(1);
  });

  it('does not count KEDA’s own HPA', () => {
    const ctx = buildWorkloadModel({
      deployment: deployment('image-classifier'),
      hpas: [kedaHpa('image-classifier'), hpa('text-classifier')],
      scaledObjects: [scaledObject('image-classifier')],
    });
    expect(hpaAndKedaConflictRule.evaluate(ctx)).toEqual([]);
  });
});
