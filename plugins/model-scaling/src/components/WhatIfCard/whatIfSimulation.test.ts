import {
  simulateAutoscaler,
  whatIfDefaults,
  simulationInputFromWorkload,
} from '@internal/plugin-model-scaling-common';
import {
  batchEmbedderStatus,
  imageClassifierStatus,
  summarizerStatus,
  textClassifierStatus,
} from '../../__fixtures__';
import { summarizeSimulation } from './simulationSummary';

/*
 * The what-if inputs run through the real simulator: they must be valid for
 * every example service, and changing a setting must move the outcome the way
 * the autoscaler would.
 */
describe('what-if through the simulator', () => {
  const cases = [
    ['text-classifier', textClassifierStatus, 'realtime-cpu'],
    ['image-classifier', imageClassifierStatus, 'realtime-gpu'],
    ['batch-embedder', batchEmbedderStatus, 'async-batch'],
    ['summarizer', summarizerStatus, 'bursty'],
  ] as const;

  it.each(cases)(
    '%s: the defaults simulate a day within min and max',
    (_, status, pattern) => {
      const workload = status.workloads[0];
      const { model, settings } = whatIfDefaults(workload, {
        pattern,
        latencySloMs: status.latencySloMs,
      });
      const result = simulateAutoscaler(
        simulationInputFromWorkload(workload, settings, model),
      );
      expect(result.timeline.length).toBeGreaterThan(1000);
      expect(
        result.timeline[result.timeline.length - 1].t,
      ).toBeGreaterThanOrEqual(86400 - 15);
      for (const point of result.timeline) {
        expect(point.desiredReplicas).toBeLessThanOrEqual(settings.maxReplicas);
        expect(point.desiredReplicas).toBeGreaterThanOrEqual(
          Math.min(settings.minReplicas, point.desiredReplicas),
        );
      }
      expect(result.summary.maxReplicas).toBeLessThanOrEqual(
        settings.maxReplicas,
      );
    },
  );

  it('a lower CPU target needs more replicas for the same load', () => {
    const workload = textClassifierStatus.workloads[0];
    const { model, settings } = whatIfDefaults(workload, {
      pattern: 'realtime-cpu',
    });
    const run = (target: number) =>
      simulateAutoscaler(
        simulationInputFromWorkload(
          workload,
          {
            ...settings,
            shape: 'steady',
            target,
          },
          model,
        ),
      ).summary;
    const at70 = run(70);
    const at40 = run(40);
    // 410 req/s at 100 req/s per pod: 70 % → ceil(410/70) = 6; 40 % → 10
    // pods at 41 %, which the HPA's 10 % tolerance leaves alone (not 11).
    expect(at70.maxReplicas).toBe(6);
    expect(at40.maxReplicas).toBe(10);
    expect(at40.podSeconds).toBeGreaterThan(at70.podSeconds);
  });

  it('a higher KEDA threshold needs fewer GPU pods', () => {
    const workload = imageClassifierStatus.workloads[0];
    const { model, settings } = whatIfDefaults(workload, {
      pattern: 'realtime-gpu',
    });
    const run = (target: number) =>
      simulateAutoscaler(
        simulationInputFromWorkload(
          workload,
          {
            ...settings,
            shape: 'steady',
            target,
          },
          model,
        ),
      ).summary.maxReplicas;
    // 370 req/s: threshold 100 → 4 pods, 200 → 2 pods
    expect(run(100)).toBe(4);
    expect(run(200)).toBe(2);
  });

  it('a shorter scale-down window frees pods sooner after the bursts', () => {
    const workload = summarizerStatus.workloads[0];
    const { model, settings } = whatIfDefaults(workload, {
      pattern: 'bursty',
      latencySloMs: 500,
    });
    const podHours = (scaleDownWindowSeconds: number) =>
      summarizeSimulation(
        simulateAutoscaler(
          simulationInputFromWorkload(
            workload,
            {
              ...settings,
              peakRps: 100,
              scaleDownWindowSeconds,
            },
            model,
          ),
        ),
      ).podHours;
    expect(podHours(30)).toBeLessThan(podHours(600));
  });

  it('scale from zero with a long cold start leaves requests unserved', () => {
    const workload = summarizerStatus.workloads[0];
    const { model, settings } = whatIfDefaults(workload, { pattern: 'bursty' });
    const unserved = (coldStartSeconds: number) =>
      simulateAutoscaler(
        simulationInputFromWorkload(
          workload,
          {
            ...settings,
            peakRps: 100,
            coldStartSeconds,
          },
          model,
        ),
      ).summary.unservedRequests;
    expect(unserved(90)).toBeGreaterThan(unserved(5));
  });
});
