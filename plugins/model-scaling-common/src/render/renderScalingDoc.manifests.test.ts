import { parseAllDocuments } from 'yaml';
import { createPlan } from '../plan/createPlan';
import type { ModelServiceAnswers } from '../plan/answersSchema';
import type { ModelServicePlan } from '../plan/planSchema';
import { DEFAULT_PATTERN_PRESETS } from '../patterns/presets';
import { renderManifests } from './renderManifests';
import { renderTritonConfig } from '../triton/renderTritonConfig';
import { exampleAnswers } from './__testUtils__/examplePlans';
import { renderScalingDoc } from './renderScalingDoc';

/** The answers of the four examples, plus variants with explicit settings that override the sizing. */
function cases(): { label: string; answers: ModelServiceAnswers }[] {
  const base = exampleAnswers;
  const gpu = base.find(
    a =>
      a.needsGpu && a.trafficShape !== 'queue' && a.trafficShape !== 'bursty',
  )!;
  return [
    ...base.map(a => ({ label: `example ${a.name}`, answers: a })),
    {
      label: 'realtime-gpu with replicas 2–8 chosen below the peak sizing',
      answers: {
        ...gpu,
        peakRps: 800,
        replicas: { min: 2, max: 8 },
        batching: {
          preferredBatchSizes: [2, 4],
          maxQueueDelayMicroseconds: 1500,
        },
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

/** The doc's rows that must equal the manifests, and what the manifests say. */
function compare(plan: ModelServicePlan) {
  const doc = renderScalingDoc(plan, [], []);
  const objs = objects(plan);
  const so = objs.find(o => o.kind === 'ScaledObject');
  const hpa = objs.find(o => o.kind === 'HorizontalPodAutoscaler');
  const [min, max] = so
    ? [so.spec.minReplicaCount, so.spec.maxReplicaCount]
    : [hpa.spec.minReplicas, hpa.spec.maxReplicas];
  const behavior = so
    ? so.spec.advanced.horizontalPodAutoscalerConfig.behavior
    : hpa.spec.behavior;
  const inDoc: Record<string, unknown> = {
    Replicas: row(doc, 'Replicas'),
    // every maximum named in the rationale
    'rationale maxima': [
      ...doc.matchAll(/maxReplicas (?:is raised from \d+ to|stays at) (\d+)/g),
    ].map(m => Number(m[1])),
    'Scale-down window': row(doc, 'Scale-down stabilization window').split(
      ' ',
    )[0],
  };
  const inManifests: Record<string, unknown> = {
    Replicas: `${min} – ${max}`,
    'rationale maxima': (inDoc['rationale maxima'] as number[]).map(() => max),
    'Scale-down window': String(behavior.scaleDown.stabilizationWindowSeconds),
  };
  const trigger = so?.spec.triggers[0];
  if (trigger?.type === 'prometheus') {
    inDoc.Threshold = row(doc, 'Threshold');
    inManifests.Threshold = `${trigger.metadata.threshold} req/s per replica`;
  }
  if (trigger?.type === 'kafka') {
    inDoc['Lag threshold'] = row(doc, 'Lag threshold');
    inManifests[
      'Lag threshold'
    ] = `${trigger.metadata.lagThreshold} messages of lag per replica`;
  }
  if (so) {
    inDoc['Cooldown period'] = row(doc, 'Cooldown period');
    inManifests['Cooldown period'] = `${so.spec.cooldownPeriod} s`;
  } else {
    const cpu = hpa.spec.metrics.find((x: any) => x.resource?.name === 'cpu');
    inDoc['CPU target'] = row(doc, 'CPU target');
    inManifests[
      'CPU target'
    ] = `${cpu.resource.target.averageUtilization} % of the CPU request`;
  }
  if (plan.triton) {
    const pbtxt = renderTritonConfig(plan);
    const preferred = /preferred_batch_size: \[ ?([\d, ]+?) ?\]/.exec(
      pbtxt,
    )![1];
    inDoc.max_queue_delay_microseconds = row(
      doc,
      'max_queue_delay_microseconds',
    ).split(' ')[0];
    inManifests.max_queue_delay_microseconds =
      /max_queue_delay_microseconds: (\d+)/.exec(pbtxt)![1];
    inDoc.preferred_batch_size = row(doc, 'preferred_batch_size');
    inManifests.preferred_batch_size = `[${preferred
      .split(/,\s*/)
      .join(', ')}]`;
    inDoc.max_batch_size = row(doc, 'max_batch_size');
    inManifests.max_batch_size = /max_batch_size: (\d+)/.exec(pbtxt)![1];
  }
  return { inDoc, inManifests };
}

describe('docs/scaling.md agrees with the generated manifests', () => {
  it.each(cases().map(c => [c.label, c.answers] as const))(
    '%s',
    (_label, answers) => {
      const { inDoc, inManifests } = compare(
        createPlan(answers, DEFAULT_PATTERN_PRESETS),
      );
      expect(inDoc).toEqual(inManifests);
    },
  );
});
