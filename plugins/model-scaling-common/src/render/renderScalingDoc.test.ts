import type { Finding } from '../types/status';
import { examplePlans } from './__testUtils__/examplePlans';
import { renderScalingDoc } from './renderScalingDoc';

describe('renderScalingDoc', () => {
  const plans = examplePlans();

  it('explains the pattern, the rationale and every setting of an HPA plan', () => {
    const plan = plans['realtime-cpu'];
    const doc = renderScalingDoc(plan, [], ['k8s/deployment.yaml']);
    expect(doc).toContain('# Scaling of text-classifier');
    expect(doc).toContain('**Pattern: `realtime-cpu`**');
    expect(doc).toContain(
      'This is the pattern recommended for the answers given.',
    );
    for (const reason of plan.rationale) {
      expect(doc).toContain(`- ${reason}`);
    }
    expect(doc).toContain('| Replicas | 2 – 20 |');
    expect(doc).toContain('| CPU target | 70 % of the CPU request |');
    expect(doc).toContain('| Memory target | 80 % of the memory request |');
    expect(doc).toContain(
      '| Scale-down stabilization window | 60 s (explicit; the Kubernetes default is 300 s) |',
    );
    expect(doc).toContain('No findings');
    expect(doc).toContain('- `k8s/deployment.yaml`');
    expect(doc).toContain('`modelScaling.patterns.realtime-cpu`');
  });

  it('shows Triton batching against the SLO, the GPU and the trigger of a GPU plan', () => {
    const doc = renderScalingDoc(plans['realtime-gpu'], [], []);
    expect(doc).toContain('| preferred_batch_size | [4, 8, 16] |');
    expect(doc).toContain(
      '| max_queue_delay_microseconds | 5000 (5 ms of the 20 ms latency SLO) |',
    );
    expect(doc).toContain('| Threshold | 100 req/s per replica |');
    expect(doc).toContain('exclusive: 1 × `nvidia.com/gpu` per pod');
    // a PromQL query with a pipe-free selector stays in one table cell
    expect(doc).toMatch(
      /\| Prometheus query \| `sum\(rate\(nv_inference_request_success/,
    );
  });

  it('covers queue, spot and checkpointing for async-batch, MIG and cold start for bursty', () => {
    const batch = renderScalingDoc(plans['async-batch'], [], []);
    expect(batch).toContain(
      '| Lag threshold | 2000 messages of lag per replica |',
    );
    expect(batch).toContain('| Spot capacity | preferred |');
    expect(batch).toContain('## Checkpointing');
    const bursty = renderScalingDoc(plans.bursty, [], []);
    expect(bursty).toContain('| Cold-start budget | 60 s |');
    expect(bursty).toContain('(MIG profile 1g.18gb) on H200-141GB');
    expect(bursty).toContain('| Replicas | 0 – ');
  });

  it('lists findings with their evidence and fix, and says when the pattern was overridden', () => {
    const finding: Finding = {
      id: 'queue-delay-vs-slo',
      severity: 'warning',
      title: 'Queue delay is a large share of the SLO',
      evidence: '5 ms of 20 ms',
      fix: 'Lower max_queue_delay_microseconds',
    };
    const plan = {
      ...plans['realtime-gpu'],
      recommendedPattern: 'bursty' as const,
    };
    const doc = renderScalingDoc(plan, [finding], []);
    expect(doc).toContain(
      '- **warning: Queue delay is a large share of the SLO** (`queue-delay-vs-slo`)',
    );
    expect(doc).toContain('  5 ms of 20 ms');
    expect(doc).toContain('  Fix: Lower max_queue_delay_microseconds');
    expect(doc).toContain(
      'the recommendation for the answers given was `bursty`',
    );
  });
});
