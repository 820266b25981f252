import {
  batchEmbedderStatus,
  imageClassifierStatus,
  summarizerStatus,
} from '../../__fixtures__';
import { H200_BATCH_PROFILES } from '@internal/plugin-model-scaling-common';
import { pickBatchProfile } from './pickBatchProfile';

const modelOf = (status: typeof imageClassifierStatus) =>
  status.workloads[0].triton!.models[0];

describe('pickBatchProfile', () => {
  it('loads the three H200 profiles', () => {
    expect(H200_BATCH_PROFILES.map(p => p.model)).toEqual([
      'mlp-4x4096',
      'resnet50-224',
      'bert-base-seq128',
    ]);
  });

  it('matches the brief: resnet50 → resnet50-224, bert-embedder → bert-base-seq128 by name', () => {
    expect(
      pickBatchProfile(modelOf(imageClassifierStatus), H200_BATCH_PROFILES),
    ).toMatchObject({
      profile: { model: 'resnet50-224' },
      reason: 'name',
    });
    expect(
      pickBatchProfile(modelOf(batchEmbedderStatus), H200_BATCH_PROFILES),
    ).toMatchObject({
      profile: { model: 'bert-base-seq128' },
      reason: 'name',
    });
  });

  it('summarizer-encoder → bert-base-seq128 by its compute time (540 µs at batch 1)', () => {
    expect(
      pickBatchProfile(modelOf(summarizerStatus), H200_BATCH_PROFILES),
    ).toMatchObject({
      profile: { model: 'bert-base-seq128' },
      reason: 'compute-time',
    });
  });

  it('falls back to the first profile, or none', () => {
    const model = { ...modelOf(summarizerStatus), averageComputeUs: undefined };
    expect(pickBatchProfile(model, H200_BATCH_PROFILES)?.reason).toBe(
      'default',
    );
    expect(pickBatchProfile(model, [])).toBeUndefined();
  });
});
