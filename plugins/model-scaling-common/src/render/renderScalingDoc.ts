import type { ModelServicePlan } from '../plan/planSchema';
import type { Finding, PatternId } from '../types/status';

const PATTERN_SUMMARY: Record<PatternId, string> = {
  'realtime-cpu':
    'warm replicas on CPU, scaled by an autoscaling/v2 HorizontalPodAutoscaler on CPU and memory utilization',
  'realtime-gpu':
    'warm replicas of Triton Inference Server on GPU with dynamic batching, scaled by a KEDA ScaledObject on the request rate',
  'async-batch':
    'queue consumers scaled by a KEDA ScaledObject on the backlog, on interruptible capacity',
  bursty:
    'scale to zero between bursts with a KEDA ScaledObject and an activation threshold; the first requests wait for a cold start',
};

type Row = [string, string];

function table(rows: Row[]): string[] {
  return [
    '| Setting | Value |',
    '| --- | --- |',
    ...rows.map(
      ([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`,
    ),
  ];
}

function autoscalerRows(plan: ModelServicePlan): Row[] {
  const a = plan.autoscaler;
  const behavior = a.behavior;
  const rows: Row[] = [];
  if (a.kind === 'hpa') {
    rows.push(
      ['Autoscaler', 'HorizontalPodAutoscaler (autoscaling/v2)'],
      ['CPU target', `${a.cpuTargetUtilization} % of the CPU request`],
      ['Memory target', `${a.memoryTargetUtilization} % of the memory request`],
    );
  } else {
    const t = a.trigger;
    rows.push(['Autoscaler', `KEDA ScaledObject, \`${t.type}\` trigger`]);
    if (t.type === 'prometheus') {
      rows.push(
        ['Prometheus query', `\`${t.query}\``],
        ['Threshold', `${t.threshold} req/s per replica`],
        ['Activation threshold', `${t.activationThreshold} req/s`],
      );
    } else if (t.type === 'kafka') {
      rows.push(
        [
          'Kafka',
          `topic \`${t.topic}\` on \`${t.bootstrapServers}\`, group \`${t.consumerGroup}\``,
        ],
        ['Lag threshold', `${t.lagThreshold} messages of lag per replica`],
        ['Activation lag threshold', `${t.activationLagThreshold}`],
      );
    } else {
      rows.push(
        ['SQS queue', `\`${t.queueURL}\` (${t.awsRegion})`],
        ['Queue length', `${t.queueLength} visible messages per replica`],
        ['Activation queue length', `${t.activationQueueLength}`],
      );
    }
    rows.push(
      ['Polling interval', `${a.pollingInterval} s`],
      ['Cooldown period', `${a.cooldownPeriod} s`],
    );
  }
  rows.push(
    [
      'Scale-up stabilization window',
      `${behavior.scaleUpStabilizationWindowSeconds} s`,
    ],
    [
      'Scale-down stabilization window',
      `${behavior.scaleDownStabilizationWindowSeconds} s (explicit; the Kubernetes default is 300 s)`,
    ],
    [
      'Scale-down policy',
      `at most ${behavior.scaleDownPercent} % of the replicas per ${behavior.scaleDownPeriodSeconds} s`,
    ],
  );
  return rows;
}

function settingsRows(plan: ModelServicePlan): Row[] {
  const rows: Row[] = [
    ['Replicas', `${plan.replicas.min} – ${plan.replicas.max}`],
    ...autoscalerRows(plan),
  ];
  if (plan.app) {
    rows.push([
      plan.triton ? 'Consumer container' : 'Model server container',
      `\`${plan.app.image}\`, requests ${plan.app.resources.cpu} CPU / ${plan.app.resources.memory}`,
    ]);
  }
  if (plan.triton) {
    const t = plan.triton;
    rows.push(
      [
        'Triton',
        `\`${t.image}\`, model \`${t.modelName}\` (${t.backend} backend), requests ${t.resources.cpu} CPU / ${t.resources.memory}`,
      ],
      ['max_batch_size', `${t.maxBatchSize}`],
      ['preferred_batch_size', `[${t.preferredBatchSizes.join(', ')}]`],
      [
        'max_queue_delay_microseconds',
        `${t.maxQueueDelayMicroseconds} (${
          t.maxQueueDelayMicroseconds / 1000
        } ms of the ${plan.model.latencySloMs} ms latency SLO)`,
      ],
    );
  }
  if (plan.gpu) {
    const g = plan.gpu;
    rows.push([
      'GPU',
      `${g.sharing}: ${g.count} × \`${g.resourceName}\` per pod${
        g.migProfile ? ` (MIG profile ${g.migProfile})` : ''
      }${g.gpuModel ? ` on ${g.gpuModel}` : ''}${
        g.product ? `, nodes with nvidia.com/gpu.product=${g.product}` : ''
      }`,
    ]);
  }
  if (plan.spot) {
    rows.push(['Spot capacity', plan.spot.required ? 'required' : 'preferred']);
  }
  rows.push([
    'Termination grace period',
    `${plan.terminationGracePeriodSeconds} s`,
  ]);
  if (plan.coldStartBudgetSeconds !== undefined) {
    rows.push(['Cold-start budget', `${plan.coldStartBudgetSeconds} s`]);
  }
  return rows;
}

function findingsSection(findings: Finding[]): string[] {
  if (findings.length === 0) {
    return ['No findings: the plan avoids the known scaling pitfalls.'];
  }
  return findings.flatMap(f => [
    `- **${f.severity}: ${f.title}** (\`${f.id}\`${
      f.subject ? `, ${f.subject}` : ''
    })  `,
    `  ${f.evidence}  `,
    `  Fix: ${f.fix}`,
  ]);
}

/**
 * `docs/scaling.md` of a new service: the pattern and why, every setting it
 * got, the findings of the plan check, and where the defaults come from.
 */
export function renderScalingDoc(
  plan: ModelServicePlan,
  findings: Finding[],
  files: string[],
): string {
  const chosen =
    plan.pattern === plan.recommendedPattern
      ? `This is the pattern recommended for the answers given.`
      : `This pattern was chosen explicitly; the recommendation for the answers given was \`${plan.recommendedPattern}\`.`;
  const lines = [
    `# Scaling of ${plan.name}`,
    '',
    `**Pattern: \`${plan.pattern}\`** — ${
      PATTERN_SUMMARY[plan.pattern]
    }. ${chosen}`,
    '',
    '## The model and its traffic',
    '',
    ...table([
      ['Framework', plan.model.framework],
      ['Model size', `${plan.model.sizeGb} GB`],
      ['Needs a GPU', plan.model.needsGpu ? 'yes' : 'no'],
      ['Latency SLO', `${plan.model.latencySloMs} ms`],
      ['Peak load', `${plan.model.peakRps} req/s`],
      ['Traffic shape', plan.model.trafficShape],
    ]),
    '',
    '## Why this pattern',
    '',
    ...plan.rationale.map(r => `- ${r}`),
    '',
    '## Settings',
    '',
    ...table(settingsRows(plan)),
    '',
  ];
  if (plan.checkpointing) {
    lines.push('## Checkpointing', '', plan.checkpointing, '');
  }
  lines.push(
    '## Findings of the plan check',
    '',
    ...findingsSection(findings),
    '',
    '## Files',
    '',
    ...files.map(f => `- \`${f}\``),
    '',
    '## Where the defaults come from',
    '',
    `Every setting above that was not answered in the template is the platform team's golden-path preset for \`${plan.pattern}\`, from \`modelScaling.patterns.${plan.pattern}\` in the portal's app-config. The Scaling tab of this service compares the live objects with these settings and reports drift and pitfalls.`,
    '',
    'Run `scripts/load-test.sh` to watch the autoscaler act.',
    '',
  );
  return lines.join('\n');
}
