import {
  ANNOTATION_LATENCY_SLO_MS,
  ANNOTATION_PATTERN,
  ANNOTATION_TRITON_MODELS,
  parseLatencySloAnnotation,
  parseTritonModelsAnnotation,
} from './annotations';

describe('annotations', () => {
  it('has the documented keys', () => {
    expect(ANNOTATION_PATTERN).toBe('model-scaling.io/pattern');
    expect(ANNOTATION_TRITON_MODELS).toBe('model-scaling.io/triton-models');
    expect(ANNOTATION_LATENCY_SLO_MS).toBe('model-scaling.io/latency-slo-ms');
  });

  it('parses the triton-models list', () => {
    expect(parseTritonModelsAnnotation(' resnet50, ,bert-embedder ')).toEqual([
      'resnet50',
      'bert-embedder',
    ]);
    expect(parseTritonModelsAnnotation(undefined)).toEqual([]);
  });

  it('parses the latency SLO', () => {
    expect(parseLatencySloAnnotation('20')).toBe(20);
    expect(parseLatencySloAnnotation('2.5')).toBe(2.5);
    expect(parseLatencySloAnnotation('fast')).toBeUndefined();
    expect(parseLatencySloAnnotation('-1')).toBeUndefined();
    expect(parseLatencySloAnnotation('')).toBeUndefined();
  });
});
