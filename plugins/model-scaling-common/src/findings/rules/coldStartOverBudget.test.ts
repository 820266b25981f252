import { deployment, pod, scaledObject } from '../__fixtures__/records';
import { buildWorkloadModel } from '../../workload/WorkloadModel';
import {
  coldStartOverBudgetRule,
  coldStartSeconds,
} from './coldStartOverBudget';

const pods = [
  pod('summarizer-1', {
    startTime: '2026-11-28T10:00:00Z',
    readyTime: '2026-11-28T10:02:40Z',
  }),
  pod('summarizer-2', {
    startTime: '2026-11-28T10:00:05Z',
    readyTime: '2026-11-28T10:01:35Z',
  }),
];
const toZero = scaledObject('summarizer', { minReplicaCount: 0 });

describe('cold-start-over-budget', () => {
  it('computes cold starts from start and ready times', () => {
    expect(coldStartSeconds(pods)).toEqual([160, 90]);
  });

  it('flags a scale-to-zero service whose pods take longer than the budget', () => {
    const [f] = coldStartOverBudgetRule.evaluate(
      buildWorkloadModel({
        deployment: deployment('summarizer'),
        scaledObjects: [toZero],
        pods,
        coldStartBudgetSeconds: 120,
      }),
    );
    expect(f).toMatchObject({
      id: 'cold-start-over-budget',
      severity: 'warning',
      subject: 'ScaledObject/summarizer',
    });
    expect(f.title).toBe(
      'Cold start of 2 min 40 s exceeds the 2 min budget of a scale-to-zero workload',
    );
    expect(f.evidence).toContain('median 90 s over 2 pods');
  });

  it('uses the bursty preset’s budget when none is given', () => {
    expect(
      coldStartOverBudgetRule.evaluate(
        buildWorkloadModel({
          pattern: 'bursty',
          scaledObjects: [toZero],
          pods,
        }),
      ),
    ).toHaveLength(1);
  });

  it('stays quiet within budget, without scale to zero, or without a budget', () => {
    expect(
      coldStartOverBudgetRule.evaluate(
        buildWorkloadModel({
          scaledObjects: [toZero],
          pods,
          coldStartBudgetSeconds: 180,
        }),
      ),
    ).toEqual([]);
    expect(
      coldStartOverBudgetRule.evaluate(
        buildWorkloadModel({
          scaledObjects: [scaledObject('summarizer', { minReplicaCount: 1 })],
          pods,
          coldStartBudgetSeconds: 60,
        }),
      ),
    ).toEqual([]);
    expect(
      coldStartOverBudgetRule.evaluate(
        buildWorkloadModel({ scaledObjects: [toZero], pods }),
      ),
    ).toEqual([]);
  });
});
