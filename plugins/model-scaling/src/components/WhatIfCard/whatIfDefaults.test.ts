import {
  batchEmbedderStatus,
  imageClassifierStatus,
  summarizerStatus,
  textClassifierStatus,
} from '../../__fixtures__';
import {
  roundNice,
  whatIfDefaults,
} from '@internal/plugin-model-scaling-common';

describe('roundNice', () => {
  it('keeps two significant digits', () => {
    expect(roundNice(370.7)).toBe(370);
    expect(roundNice(4785.2)).toBe(4800);
    expect(roundNice(82.7)).toBe(83);
    expect(roundNice(7.13)).toBe(7);
    expect(roundNice(0)).toBe(0);
  });
});

describe('whatIfDefaults', () => {
  it('text-classifier: HPA on CPU, load from CPU utilization', () => {
    const { settings, model } = whatIfDefaults(
      textClassifierStatus.workloads[0],
      {
        pattern: 'realtime-cpu',
        latencySloMs: 100,
      },
    );
    expect(model).toMatchObject({
      kind: 'cpu',
      autoscaler: 'hpa',
      primaryIndex: 0,
    });
    // 81 % of 100 req/s per pod on 5 ready pods
    expect(model.liveLoadRps).toBeCloseTo(405);
    expect(settings).toEqual({
      shape: 'diurnal',
      peakRps: 410,
      minReplicas: 2,
      maxReplicas: 20,
      target: 70,
      scaleDownWindowSeconds: 300,
      podCapacityRps: 100,
      serviceTimeMs: 20,
      coldStartSeconds: 10,
    });
  });

  it('image-classifier: KEDA prometheus rate, capacity from Triton compute time', () => {
    const { settings, model } = whatIfDefaults(
      imageClassifierStatus.workloads[0],
      {
        pattern: 'realtime-gpu',
        latencySloMs: 20,
      },
    );
    expect(model).toMatchObject({
      kind: 'rate',
      autoscaler: 'keda',
      targetLabel: 'prometheus threshold per pod',
    });
    expect(model.liveLoadRps).toBeCloseTo(370.7);
    expect(settings).toMatchObject({
      peakRps: 370,
      minReplicas: 1,
      maxReplicas: 8,
      target: 100,
      scaleDownWindowSeconds: 120,
      // 1e6 / 1490 µs × 7.13 per batch
      podCapacityRps: 4800,
      serviceTimeMs: 1.49,
      coldStartSeconds: 50,
    });
  });

  it('batch-embedder: kafka backlog, consume rate per ready pod', () => {
    const { settings, model } = whatIfDefaults(
      batchEmbedderStatus.workloads[0],
      {
        pattern: 'async-batch',
      },
    );
    expect(model).toMatchObject({
      kind: 'queue',
      targetLabel: 'kafka backlog per pod',
    });
    expect(settings).toMatchObject({
      target: 500,
      minReplicas: 1,
      maxReplicas: 12,
      // 330.7 msg/s on 4 ready pods
      podCapacityRps: 83,
      peakRps: 330,
      coldStartSeconds: 35,
    });
  });

  it('summarizer: bursty, scale to zero', () => {
    const { settings } = whatIfDefaults(summarizerStatus.workloads[0], {
      pattern: 'bursty',
      latencySloMs: 500,
    });
    expect(settings).toMatchObject({
      shape: 'bursty',
      minReplicas: 0,
      maxReplicas: 10,
      target: 20,
      coldStartSeconds: 91,
    });
  });

  it('a workload without an autoscaler gets a CPU HPA proposal around its fixed size', () => {
    const workload = {
      ...textClassifierStatus.workloads[0],
      autoscaler: { type: 'none' as const, conflicting: [] },
    };
    const { settings, model } = whatIfDefaults(workload, {});
    expect(model).toMatchObject({ kind: 'cpu', autoscaler: 'none' });
    expect(settings).toMatchObject({
      minReplicas: 6,
      maxReplicas: 12,
      target: 70,
    });
  });
});
