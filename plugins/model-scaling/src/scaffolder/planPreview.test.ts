import { resolvePatternPresets } from '@internal/plugin-model-scaling-common';
import { formAnswers } from './formAnswers';
import { planPreview } from './planPreview';

const presets = resolvePatternPresets({});

/** A GPU model service as the form holds it after the Model page. */
const gpuForm = {
  name: 'vision',
  owner: 'group:default/team-vision',
  framework: 'onnx',
  modelSizeGb: 2,
  needsGpu: true,
  latencySloMs: 50,
  peakRps: 400,
  trafficShape: 'steady',
  pattern: 'auto',
};

describe('formAnswers', () => {
  it('leaves empty optional fields out so the preset applies, an empty batch-size list included', () => {
    const answers = formAnswers({
      ...gpuForm,
      pattern: 'realtime-gpu',
      preferredBatchSizes: [],
      minReplicas: undefined,
      kafkaTopic: '',
    });
    expect(answers.batching).toBeUndefined();
    expect(answers.replicas).toBeUndefined();
    expect(answers.queue).toBeUndefined();
  });

  it('maps the form fields to the plan step’s input', () => {
    expect(
      formAnswers({
        ...gpuForm,
        pattern: 'realtime-gpu',
        minReplicas: 2,
        maxReplicas: 6,
        gpuSharing: 'mig',
        migProfile: '1g.18gb',
        gpuModel: 'H200-141GB',
        preferredBatchSizes: [2, 4],
        maxQueueDelayMicroseconds: 1000,
      }),
    ).toMatchObject({
      replicas: { min: 2, max: 6 },
      gpu: { sharing: 'mig', migProfile: '1g.18gb', model: 'H200-141GB' },
      batching: {
        preferredBatchSizes: [2, 4],
        maxQueueDelayMicroseconds: 1000,
      },
    });
  });
});

describe('planPreview', () => {
  it('waits for the answers the recommendation needs', () => {
    expect(planPreview({ needsGpu: true }, presets)).toEqual({
      kind: 'incomplete',
      missing: [
        'Model size (GB)',
        'Latency SLO (ms)',
        'Peak requests per second',
      ],
    });
  });

  it('shows the recommended pattern with its reason and the resolved plan for "auto"', () => {
    const preview = planPreview(gpuForm, presets);
    expect(preview.kind).toBe('plan');
    if (preview.kind !== 'plan') return;
    expect(preview.recommendation.pattern).toBe('realtime-gpu');
    expect(preview.recommendation.rationale[0]).toMatch(
      /callers wait for answers/,
    );
    expect(preview.summary).toMatchObject({
      pattern: 'realtime-gpu (recommended for your answers)',
      replicas: '1 to 8',
      batching: 'preferred [4, 8, 16], max batch 32, queue delay 5,000 µs',
      gpu: 'exclusive, 1 × nvidia.com/gpu per pod',
    });
  });

  it('resolves an empty "Preferred batch sizes" of realtime-gpu to the preset instead of failing', () => {
    const preview = planPreview(
      { ...gpuForm, pattern: 'realtime-gpu', preferredBatchSizes: [] },
      presets,
    );
    expect(preview.kind).toBe('plan');
  });

  it.each([
    [
      'min > max',
      { pattern: 'realtime-gpu', minReplicas: 5, maxReplicas: 2 },
      'Minimum replicas',
      /must not exceed replicas.max \(5 > 2\)/,
    ],
    [
      'queue delay ≥ SLO',
      { pattern: 'realtime-gpu', maxQueueDelayMicroseconds: 60000 },
      'Max queue delay (µs)',
      /must be below the latency SLO of 50 ms/,
    ],
    [
      'a model too big for its MIG slice',
      {
        pattern: 'realtime-gpu',
        modelSizeGb: 30,
        gpuSharing: 'mig',
        migProfile: '1g.18gb',
        gpuModel: 'H200-141GB',
      },
      undefined,
      /1g\.18gb|fit/,
    ],
    [
      'a batch size above the max batch size',
      {
        pattern: 'realtime-gpu',
        maxBatchSize: 8,
        preferredBatchSizes: [4, 16],
      },
      'Preferred batch sizes',
      /preferred batch size 16 exceeds max_batch_size 8/,
    ],
  ])('names the field and the rule for %s', (_, extra, label, message) => {
    const preview = planPreview({ ...gpuForm, ...extra }, presets);
    expect(preview.kind).toBe('problems');
    if (preview.kind !== 'problems') return;
    const problem = preview.problems.find(
      p =>
        (label === undefined || p.label === label) && message.test(p.message),
    );
    expect(problem).toBeDefined();
  });
});
