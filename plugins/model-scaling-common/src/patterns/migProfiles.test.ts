import {
  KNOWN_MIG_PROFILES,
  MIG_PROFILES_BY_GPU,
  checkMigProfile,
  gpuModelsForMigProfile,
  parseMigProfileName,
} from './migProfiles';

describe('MIG profiles', () => {
  it('knows the H200 profiles with their instance counts', () => {
    expect(
      MIG_PROFILES_BY_GPU['H200-141GB'].map(p => [p.profile, p.maxInstances]),
    ).toEqual([
      ['1g.18gb', 7],
      ['1g.35gb', 4],
      ['2g.35gb', 3],
      ['3g.71gb', 2],
      ['4g.71gb', 1],
      ['7g.141gb', 1],
    ]);
  });

  it('never lets the slices of one GPU exceed 7 compute slices', () => {
    for (const list of Object.values(MIG_PROFILES_BY_GPU)) {
      for (const p of list) {
        const full = Math.max(...list.map(x => x.computeSlices));
        expect(p.computeSlices * p.maxInstances).toBeLessThanOrEqual(full);
      }
    }
  });

  it('parses profile names', () => {
    expect(parseMigProfileName('3g.40gb')).toEqual({
      computeSlices: 3,
      memoryGb: 40,
    });
    expect(parseMigProfileName('mig-3g.40gb')).toBeUndefined();
    expect(parseMigProfileName('3g.40GB')).toBeUndefined();
  });

  it('finds which GPUs offer a profile', () => {
    expect(gpuModelsForMigProfile('1g.10gb')).toEqual([
      'A100-40GB',
      'A100-80GB',
      'H100-80GB',
    ]);
    expect(gpuModelsForMigProfile('1g.18gb')).toEqual(['H200-141GB']);
    expect(gpuModelsForMigProfile('1g.7gb')).toEqual([]);
  });

  it('accepts real profiles and explains rejections', () => {
    expect(checkMigProfile('1g.5gb')).toMatchObject({
      ok: true,
      profile: { memoryGb: 5 },
    });
    expect(checkMigProfile('2g.20gb', 'H100-80GB').ok).toBe(true);
    const unknown = checkMigProfile('2g.15gb');
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.reason).toContain('not a known NVIDIA MIG');
    const wrongGpu = checkMigProfile('1g.18gb', 'A100-80GB');
    expect(!wrongGpu.ok && wrongGpu.reason).toContain(
      'not a MIG profile of A100-80GB',
    );
    const media = checkMigProfile('1g.10gb+me');
    expect(!media.ok && media.reason).toContain('media-extension');
  });

  it('lists every profile once, smallest first', () => {
    expect(new Set(KNOWN_MIG_PROFILES).size).toBe(KNOWN_MIG_PROFILES.length);
    expect(KNOWN_MIG_PROFILES[0]).toBe('1g.5gb');
    expect(KNOWN_MIG_PROFILES).toContain('7g.141gb');
  });
});
