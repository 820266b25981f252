import profileFile from './profiles/batch-profile-h200.json';
import { adviseBatching } from './adviseBatching';
import { loadBatchProfiles } from './batchProfile';

const profiles = loadBatchProfiles(profileFile);
const resnet = profiles.find(p => p.model === 'resnet50-224')!;
const bert = profiles.find(p => p.model === 'bert-base-seq128')!;

describe('adviseBatching', () => {
  it('ResNet-50 at 4,000 req/s: ≥ 5 replicas without batching, fewer with batching under a 20 ms p99', () => {
    const advice = adviseBatching({
      profile: resnet,
      rateRps: 4000,
      sloMs: 20,
      seed: 7,
    });
    // 1.047 ms per request → 955 req/s per H200 at batch 1.
    expect(advice.noBatching.replicas).toBeGreaterThanOrEqual(5);
    expect(advice.noBatching.result!.p99Ms).toBeLessThanOrEqual(20);
    expect(advice.recommended).toBeDefined();
    const rec = advice.recommended!;
    expect(rec.replicas).toBeLessThan(advice.noBatching.replicas!);
    expect(rec.dynamicBatching).toBe(true);
    expect(rec.result!.p99Ms).toBeLessThanOrEqual(20);
    expect(rec.result!.saturated).toBe(false);
    expect(rec.result!.averageBatchSize).toBeGreaterThan(1.5);
    expect(rec.maxQueueDelayUs).toBeLessThan(10_000);
  });

  it('keeps batches that fit the SLO: a 2 ms SLO rules out large batches', () => {
    const advice = adviseBatching({
      profile: bert,
      rateRps: 3000,
      sloMs: 2,
      seed: 1,
    });
    const rec = advice.recommended!;
    expect(rec.result!.p99Ms).toBeLessThanOrEqual(2);
    const largest = Math.max(
      ...rec.result!.batchSizeHistogram.map(h => h.batchSize),
    );
    // bert at 32 takes 1.75 ms; anything larger cannot meet 2 ms with any queueing.
    expect(largest).toBeLessThanOrEqual(32);
  });

  it('reports no recommendation when nothing can meet the SLO', () => {
    const advice = adviseBatching({
      profile: resnet,
      rateRps: 100,
      sloMs: 0.5,
    });
    expect(advice.recommended).toBeUndefined();
    expect(advice.noBatching.replicas).toBeUndefined();
  });

  it('evaluates only the given candidates', () => {
    const advice = adviseBatching({
      profile: resnet,
      rateRps: 2000,
      sloMs: 50,
      preferredBatchSizeCandidates: [[4, 8, 16]],
      maxQueueDelayCandidatesUs: [5000],
    });
    expect(advice.options).toHaveLength(1);
    expect(advice.recommended).toMatchObject({
      preferredBatchSizes: [4, 8, 16],
      maxQueueDelayUs: 5000,
      replicas: 1,
    });
  });

  it('rejects a bad SLO naming the field', () => {
    expect(() =>
      adviseBatching({ profile: resnet, rateRps: 100, sloMs: 0 }),
    ).toThrow('sloMs: must be a positive number');
    expect(() =>
      adviseBatching({
        profile: resnet,
        rateRps: 100,
        sloMs: 10,
        preferredBatchSizeCandidates: [[256]],
      }),
    ).toThrow(
      'preferredBatchSizeCandidates: [256] must hold integers in 1..128',
    );
  });
});
