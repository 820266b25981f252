import {
  createPlan,
  DEFAULT_PATTERN_PRESETS,
  ModelServiceAnswers,
  ModelServicePlan,
  renderManifests,
  renderTritonConfig,
} from '@internal/plugin-model-scaling-common';
import { parseAllDocuments } from 'yaml';
import { examples } from '../actions/planCreate.examples';
import { exampleSteps } from '../__testUtils__/exampleSteps';
import { renderScalingDoc } from './renderScalingDoc';

/** The answers of the four examples, plus variants with explicit settings that override the sizing. */
function cases(): { label: string; answers: ModelServiceAnswers }[] {
  const base = examples.map(e => exampleSteps(e)[0].input as ModelServiceAnswers);
  const gpu = base.find(a => a.needsGpu && a.trafficShape !== 'queue' && a.trafficShape !== 'bursty')!;
  return [
    ...base.map(a => ({ label: `example ${a.name}`, answers: a })),
    {
      label: 'realtime-gpu with replicas 2–8 chosen below the peak sizing',
      answers: {
        ...gpu,
        peakRps: 800,
        replicas: { min: 2, max: 8 },
        batching: { preferredBatchSizes: [2, 4], maxQueueDelayMicroseconds: 1500 },
        keda: { threshold: 80 },
      },
    },
    {
      label: 'realtime-gpu sized for a large peak',
      answers: { ...gpu, peakRps: 5000, replicas: undefined },
    },
  ];
}

function objects(plan: ModelServicePlan): any[] {
  return renderManifests(plan).flatMap(f =>
    parseAllDocuments(f.content).map(d => d.toJS()),
  );
}

function row(doc: string, name: string): string {
  const m = new RegExp(`^\\| ${name} \\| (.*) \\|$`, 'm').exec(doc);
  if (!m) throw new Error(`docs/scaling.md has no "${name}" row`);
  return m[1];
}

describe('docs/scaling.md agrees with the generated manifests', () => {
  for (const { label, answers } of cases()) {
    it(label, () => {
      const plan = createPlan(answers, DEFAULT_PATTERN_PRESETS);
      const doc = renderScalingDoc(plan, [], []);
      const objs = objects(plan);
      const so = objs.find(o => o.kind === 'ScaledObject');
      const hpa = objs.find(o => o.kind === 'HorizontalPodAutoscaler');
      const [min, max] = so
        ? [so.spec.minReplicaCount, so.spec.maxReplicaCount]
        : [hpa.spec.minReplicas, hpa.spec.maxReplicas];

      // The settings table
      expect(row(doc, 'Replicas')).toBe(`${min} – ${max}`);
      // Every maximum named in the rationale is the manifests' maximum
      for (const m of doc.matchAll(/maxReplicas (?:is raised from \d+ to|stays at) (\d+)/g)) {
        expect(Number(m[1])).toBe(max);
      }
      const behavior = so
        ? so.spec.advanced.horizontalPodAutoscalerConfig.behavior
        : hpa.spec.behavior;
      expect(row(doc, 'Scale-down stabilization window')).toMatch(
        new RegExp(`^${behavior.scaleDown.stabilizationWindowSeconds} s`),
      );
      if (so) {
        const trigger = so.spec.triggers[0];
        expect(row(doc, 'Autoscaler')).toContain(trigger.type);
        if (trigger.type === 'prometheus') {
          expect(row(doc, 'Threshold')).toBe(
            `${trigger.metadata.threshold} req/s per replica`,
          );
        }
        if (trigger.type === 'kafka') {
          expect(row(doc, 'Lag threshold')).toBe(
            `${trigger.metadata.lagThreshold} messages of lag per replica`,
          );
        }
        expect(row(doc, 'Cooldown period')).toBe(`${so.spec.cooldownPeriod} s`);
      } else {
        const cpu = hpa.spec.metrics.find((x: any) => x.resource?.name === 'cpu');
        expect(row(doc, 'CPU target')).toBe(
          `${cpu.resource.target.averageUtilization} % of the CPU request`,
        );
      }
      if (plan.triton) {
        const pbtxt = renderTritonConfig(plan);
        const delay = /max_queue_delay_microseconds: (\d+)/.exec(pbtxt)![1];
        const preferred = /preferred_batch_size: \[ ?([\d, ]+?) ?\]/.exec(pbtxt)![1];
        const maxBatch = /max_batch_size: (\d+)/.exec(pbtxt)![1];
        expect(row(doc, 'max_queue_delay_microseconds')).toMatch(
          new RegExp(`^${delay} \\(`),
        );
        expect(row(doc, 'preferred_batch_size')).toBe(
          `[${preferred.split(/,\s*/).join(', ')}]`,
        );
        expect(row(doc, 'max_batch_size')).toBe(maxBatch);
      }
    });
  }
});
