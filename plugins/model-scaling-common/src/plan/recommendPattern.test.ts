import { recommendPattern } from './recommendPattern';
import {
  batchEmbedderAnswers,
  imageClassifierAnswers,
  summarizerAnswers,
  textClassifierAnswers,
} from './fixtures';

describe('recommendPattern', () => {
  it('recommends the pattern each example service runs', () => {
    expect(recommendPattern(textClassifierAnswers).pattern).toBe(
      'realtime-cpu',
    );
    expect(recommendPattern(imageClassifierAnswers).pattern).toBe(
      'realtime-gpu',
    );
    expect(recommendPattern(batchEmbedderAnswers).pattern).toBe('async-batch');
    expect(recommendPattern(summarizerAnswers).pattern).toBe('bursty');
  });

  it('explains a GPU recommendation with the metric it scales on', () => {
    const { rationale } = recommendPattern(imageClassifierAnswers);
    expect(rationale.join(' ')).toContain('20 ms');
    expect(rationale.join(' ')).toContain('Prometheus request rate');
  });

  it('keeps warm replicas for bursty traffic when the cold start exceeds the budget', () => {
    const rec = recommendPattern({
      ...summarizerAnswers,
      modelSizeGb: 40,
      scaleToZero: { coldStartBudgetSeconds: 60 },
    });
    expect(rec.pattern).toBe('realtime-gpu');
    expect(rec.rationale[0]).toMatch(
      /about 205 s to start, more than the 60 s/,
    );
  });

  it('recommends bursty for a small CPU model with a generous budget', () => {
    const rec = recommendPattern({
      ...textClassifierAnswers,
      trafficShape: 'bursty',
    });
    expect(rec.pattern).toBe('bursty');
    expect(rec.rationale.join(' ')).toContain('120 s cold-start budget');
  });

  it('warns about large CPU-only models', () => {
    const rec = recommendPattern({ ...textClassifierAnswers, modelSizeGb: 12 });
    expect(rec.pattern).toBe('realtime-cpu');
    expect(rec.rationale.join(' ')).toContain('consider a GPU');
  });
});
