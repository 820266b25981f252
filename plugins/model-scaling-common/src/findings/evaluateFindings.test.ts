import fc from 'fast-check';
import type { FindingsInput } from './types';
import {
  CPU_70,
  deployment,
  figures,
  hpa,
  kedaHpa,
  podSpec,
  scaledObject,
  TRITON_BATCHING,
  tritonContainer,
} from './__fixtures__/records';
import { evaluateFindings } from './evaluateFindings';
import { dedupeFindings, sortFindings } from './sortFindings';
import { FINDING_RULES } from './rules';

describe('evaluateFindings', () => {
  const gpuSpec = podSpec([tritonContainer()]);

  it('reports a mis-scaled GPU service most severe first', () => {
    const findings = evaluateFindings({
      pattern: 'realtime-gpu',
      latencySloMs: 20,
      deployment: deployment('image-classifier', gpuSpec),
      hpas: [
        hpa('image-classifier', {
          metrics: [CPU_70],
          behavior: { scaleUp: { stabilizationWindowSeconds: 0 } },
        }),
        kedaHpa('image-classifier'),
      ],
      scaledObjects: [scaledObject('image-classifier')],
      tritonConfigs: [
        {
          model: 'resnet50',
          config: { ...TRITON_BATCHING, dynamicBatching: undefined },
        },
      ],
      triton: [figures({ averageBatchSize: 1, executionsPerSecond: 800 })],
      now: '2026-11-28T10:00:00Z',
    });
    expect(findings.map(f => [f.severity, f.id])).toEqual([
      ['error', 'hpa-and-keda-conflict'],
      ['warning', 'cpu-metric-on-gpu'],
      ['warning', 'default-scale-down-window'],
      ['warning', 'dynamic-batching-off'],
    ]);
  });

  it('runs the spec-only rules on rendered manifests (no status)', () => {
    const input: FindingsInput = {
      pattern: 'realtime-cpu',
      podSpec: podSpec(undefined, {
        requiredNodeLabels: { 'karpenter.sh/capacity-type': 'spot' },
      }),
      hpas: [hpa('text-classifier')],
    };
    expect(evaluateFindings(input).map(f => f.id)).toEqual([
      'realtime-on-spot',
      'default-scale-down-window',
    ]);
  });

  it('finds nothing for a golden-path service', () => {
    const findings = evaluateFindings({
      pattern: 'realtime-gpu',
      latencySloMs: 20,
      deployment: deployment('image-classifier', gpuSpec),
      hpas: [kedaHpa('image-classifier', { current: 3, desired: 3 })],
      scaledObjects: [scaledObject('image-classifier')],
      tritonConfigs: [{ model: 'resnet50', config: TRITON_BATCHING }],
      triton: [figures()],
    });
    expect(findings).toEqual([]);
  });

  it('turns a failing rule into an info finding instead of throwing', () => {
    const boom = {
      id: 'boom',
      description: 'throws',
      evaluate: () => {
        throw new Error('unexpected shape');
      },
    };
    const findings = evaluateFindings({ hpas: [hpa('a')] }, [
      ...FINDING_RULES,
      boom,
    ]);
    expect(findings.find(f => f.id === 'finding-rule-failed')).toMatchObject({
      severity: 'info',
      title: 'The boom check could not run',
      evidence: 'unexpected shape',
    });
  });

  it('never throws on partial or odd input', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            pattern: fc.constantFrom(
              'realtime-cpu',
              'realtime-gpu',
              'async-batch',
              'bursty',
            ),
            latencySloMs: fc.double({ min: -10, max: 1000, noNaN: false }),
            coldStartBudgetSeconds: fc.integer({ min: -5, max: 600 }),
            modelSizeBytes: fc.double({ min: 0, max: 1e12 }),
            hpas: fc.array(
              fc.constantFrom(
                hpa('a'),
                hpa('b', { current: 20, desired: 20 }),
                kedaHpa('c'),
              ),
              { maxLength: 3 },
            ),
            scaledObjects: fc.array(
              fc.constantFrom(
                scaledObject('c'),
                scaledObject('a', { minReplicaCount: 0 }),
              ),
              { maxLength: 2 },
            ),
            triton: fc.array(
              fc.constantFrom(
                figures(),
                figures({ averageBatchSize: 1, config: TRITON_BATCHING }),
              ),
              { maxLength: 2 },
            ),
            throughputHistory: fc.array(
              fc.record({
                at: fc.oneof(fc.integer(), fc.string()),
                replicas: fc.integer({ min: -2, max: 50 }),
                requestsPerSecond: fc.double(),
              }),
            ),
            now: fc.oneof(
              fc.string(),
              fc.integer(),
              fc.date({ noInvalidDate: false }),
            ),
          },
          { requiredKeys: [] },
        ),
        input => {
          const findings = evaluateFindings(input as FindingsInput);
          expect(Array.isArray(findings)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('sorts by severity, subject and id and drops duplicates', () => {
    const f = (
      id: string,
      severity: 'error' | 'warning' | 'info',
      subject: string,
    ) => ({ id, severity, subject, title: id, evidence: 'e', fix: 'f' });
    expect(
      sortFindings(
        dedupeFindings([
          f('b', 'info', 'x'),
          f('a', 'error', 'y'),
          f('a', 'error', 'y'),
          f('c', 'warning', 'a'),
        ]),
      ).map(x => x.id),
    ).toEqual(['a', 'c', 'b']);
  });
});
