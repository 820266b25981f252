import profileFile from './profiles/batch-profile-h200.json';
import {
  batchLatencyUs,
  batchProfileFromTritonBatchStats,
  BatchProfileError,
  loadBatchProfiles,
} from './batchProfile';

describe('loadBatchProfiles', () => {
  const profiles = loadBatchProfiles(profileFile);

  it('reads the measured H200 profiles', () => {
    expect(profiles.map(p => p.model)).toEqual([
      'mlp-4x4096',
      'resnet50-224',
      'bert-base-seq128',
    ]);
    const resnet = profiles[1];
    expect(resnet).toMatchObject({ gpu: 'NVIDIA H200', dtype: 'float16' });
    expect(resnet.points[0]).toEqual({
      batchSize: 1,
      latencyUs: 1046.9,
      latencyP90Us: 1050.0,
    });
    expect(resnet.points.map(p => p.batchSize)).toEqual([
      1, 2, 4, 8, 16, 32, 64, 128,
    ]);
  });

  it('names the invalid field', () => {
    const bad = {
      models: [
        { model: 'x', profile: [{ batch_size: 1, latency_us_p50: 'fast' }] },
      ],
    };
    expect(() => loadBatchProfiles(bad)).toThrow(BatchProfileError);
    expect(() => loadBatchProfiles(bad)).toThrow(
      'models[0].profile[0].latency_us_p50: Expected number, received string',
    );
    expect(() =>
      loadBatchProfiles({
        models: [
          {
            model: 'x',
            profile: [
              { batch_size: 2, latency_us_p50: 1 },
              { batch_size: 2, latency_us_p50: 2 },
            ],
          },
        ],
      }),
    ).toThrow('models[0].profile: batch_size values must be unique');
    expect(() => loadBatchProfiles({})).toThrow('models: Required');
  });

  it('interpolates between measured sizes and extrapolates beyond them', () => {
    const resnet = profiles[1];
    expect(batchLatencyUs(resnet, 8)).toBe(1555.1);
    expect(batchLatencyUs(resnet, 6)).toBeCloseTo((1262.4 + 1555.1) / 2, 6);
    expect(batchLatencyUs(resnet, 12)).toBeCloseTo((1555.1 + 2212.9) / 2, 6);
    // Past 128 along the 64→128 slope.
    expect(batchLatencyUs(resnet, 192)).toBeCloseTo(
      12393.6 + (12393.6 - 6619.1),
      6,
    );
  });

  it('builds a profile from Triton batch_stats', () => {
    const p = batchProfileFromTritonBatchStats('resnet50', [
      {
        batch_size: 8,
        compute_input: { count: 10, ns: 500000 },
        compute_infer: { count: 10, ns: 15551000 },
        compute_output: { count: 10, ns: 100000 },
      },
      { batch_size: 1, compute_infer: { count: 4, ns: 4187600 } },
      { batch_size: 2, compute_infer: { count: 0, ns: 0 } },
    ]);
    expect(p.points).toEqual([
      { batchSize: 1, latencyUs: 1046.9 },
      { batchSize: 8, latencyUs: 1615.1 },
    ]);
    expect(() => batchProfileFromTritonBatchStats('m', [])).toThrow(
      'no executed batch sizes',
    );
  });
});
