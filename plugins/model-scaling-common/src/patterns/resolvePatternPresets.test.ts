import { DEFAULT_PATTERN_PRESETS } from './presets';
import {
  PatternPresetsError,
  resolvePatternPresets,
} from './resolvePatternPresets';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PatternPresetsError);
    return (e as PatternPresetsError).problems;
  }
  throw new Error('expected a PatternPresetsError');
}

describe('resolvePatternPresets', () => {
  it('returns the defaults without overrides', () => {
    expect(resolvePatternPresets()).toEqual(DEFAULT_PATTERN_PRESETS);
    expect(resolvePatternPresets(null)).toEqual(DEFAULT_PATTERN_PRESETS);
    expect(resolvePatternPresets({})).toEqual(DEFAULT_PATTERN_PRESETS);
  });

  it('has the documented golden-path defaults', () => {
    const p = DEFAULT_PATTERN_PRESETS;
    expect(p['realtime-cpu']).toMatchObject({
      minReplicas: 2,
      maxReplicas: 20,
      cpuTargetUtilization: 70,
      memoryTargetUtilization: 80,
    });
    expect(p['realtime-cpu'].behavior.scaleDownStabilizationWindowSeconds).toBe(
      60,
    );
    expect(p['realtime-gpu'].prometheus.threshold).toBe(100);
    expect(p['realtime-gpu'].batching).toEqual({
      maxBatchSize: 32,
      preferredBatchSizes: [4, 8, 16],
      maxQueueDelayMicroseconds: 5000,
    });
    expect(p.bursty.minReplicas).toBe(0);
    expect(p.bursty.coldStartBudgetSeconds).toBeGreaterThan(0);
    expect(p['async-batch'].queueType).toBe('kafka');
  });

  it('deep-merges overrides and replaces arrays whole', () => {
    const presets = resolvePatternPresets({
      'realtime-cpu': {
        maxReplicas: 40,
        behavior: { scaleDownStabilizationWindowSeconds: 90 },
      },
      'realtime-gpu': { batching: { preferredBatchSizes: [8, 16] } },
    });
    expect(presets['realtime-cpu'].maxReplicas).toBe(40);
    expect(presets['realtime-cpu'].minReplicas).toBe(2);
    expect(presets['realtime-cpu'].behavior).toEqual({
      ...DEFAULT_PATTERN_PRESETS['realtime-cpu'].behavior,
      scaleDownStabilizationWindowSeconds: 90,
    });
    expect(presets['realtime-gpu'].batching.preferredBatchSizes).toEqual([
      8, 16,
    ]);
    expect(presets['realtime-gpu'].batching.maxBatchSize).toBe(32);
  });

  it('does not mutate the defaults', () => {
    resolvePatternPresets({ bursty: { maxReplicas: 3 } });
    expect(DEFAULT_PATTERN_PRESETS.bursty.maxReplicas).toBe(10);
  });

  it('names the config path of a wrongly typed field', () => {
    expect(
      problemsOf(() =>
        resolvePatternPresets({ 'realtime-cpu': { minReplicas: 'two' } }),
      ),
    ).toEqual([
      'modelScaling.patterns.realtime-cpu.minReplicas: Expected number, received string',
    ]);
  });

  it('refuses min above max, typos and unknown patterns', () => {
    expect(
      problemsOf(() =>
        resolvePatternPresets({ bursty: { maxReplicas: 0 } }),
      ).join('\n'),
    ).toContain('modelScaling.patterns.bursty.maxReplicas');
    expect(
      problemsOf(() =>
        resolvePatternPresets({
          'realtime-cpu': { minReplicas: 30, maxReplicas: 10 },
        }),
      ),
    ).toEqual([
      'modelScaling.patterns.realtime-cpu.minReplicas: minReplicas must not exceed maxReplicas',
    ]);
    expect(
      problemsOf(() =>
        resolvePatternPresets({ 'realtime-cpu': { maxReplica: 10 } }),
      )[0],
    ).toMatch(
      /^modelScaling\.patterns\.realtime-cpu: Unrecognized key.*maxReplica/,
    );
    expect(
      problemsOf(() => resolvePatternPresets({ realtime: {} }))[0],
    ).toMatch(/^modelScaling\.patterns: Unrecognized key.*realtime/);
  });

  it('checks batching, triggers, quantities and MIG profiles', () => {
    const problems = problemsOf(() =>
      resolvePatternPresets({
        'realtime-gpu': {
          batching: { preferredBatchSizes: [16, 8], maxBatchSize: 12 },
          prometheus: { threshold: 10, activationThreshold: 20 },
          resources: { memory: '8 GB' },
          migProfile: '2g.15gb',
        },
        bursty: { minReplicas: 1 },
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'modelScaling.patterns.realtime-gpu.batching.preferredBatchSizes.0: preferred batch size 16 exceeds maxBatchSize 12',
        'modelScaling.patterns.realtime-gpu.batching.preferredBatchSizes.1: preferred batch sizes must be strictly ascending',
        'modelScaling.patterns.realtime-gpu.prometheus.activationThreshold: activationThreshold must be below threshold',
        'modelScaling.patterns.realtime-gpu.resources.memory: must be a Kubernetes quantity such as 500m or 1Gi',
        'modelScaling.patterns.bursty.minReplicas: the bursty pattern scales to zero; minReplicas must be 0',
      ]),
    );
    expect(problems.join('\n')).toContain(
      'modelScaling.patterns.realtime-gpu.migProfile: "2g.15gb" is not a known NVIDIA MIG profile',
    );
  });

  it('refuses overrides that are not an object', () => {
    expect(problemsOf(() => resolvePatternPresets([] as any))).toEqual([
      'modelScaling.patterns: must be an object keyed by pattern id',
    ]);
  });
});
