import { H200_BATCH_PROFILES, H200_BATCH_PROFILE_FILE } from './h200';
import { loadBatchProfiles } from '../batchProfile';

describe('H200_BATCH_PROFILES', () => {
  it('holds the three measured models, each from batch size 1 upwards on an H200', () => {
    expect(H200_BATCH_PROFILES.map(p => p.model)).toEqual([
      'mlp-4x4096',
      'resnet50-224',
      'bert-base-seq128',
    ]);
    for (const profile of H200_BATCH_PROFILES) {
      expect(profile.gpu).toBe('NVIDIA H200');
      expect(profile.points[0].batchSize).toBe(1);
      const sizes = profile.points.map(p => p.batchSize);
      expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
    }
  });

  it('is the file as measured, readable again by the loader', () => {
    expect(loadBatchProfiles(H200_BATCH_PROFILE_FILE)).toEqual(
      H200_BATCH_PROFILES,
    );
  });
});
