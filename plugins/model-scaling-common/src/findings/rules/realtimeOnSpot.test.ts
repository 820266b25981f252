import { deployment, node, pod, podSpec } from '../__fixtures__/records';
import { buildWorkloadModel } from '../../workload/WorkloadModel';
import { realtimeOnSpotRule } from './realtimeOnSpot';

const spotNode = node('ip-10-0-3-17', { 'karpenter.sh/capacity-type': 'spot' });
const onDemand = node('ip-10-0-1-4', {
  'karpenter.sh/capacity-type': 'on-demand',
});

describe('realtime-on-spot', () => {
  it('flags real-time pods running on spot nodes', () => {
    const ctx = buildWorkloadModel({
      pattern: 'realtime-cpu',
      deployment: deployment('text-classifier'),
      pods: [
        pod('a', { nodeName: 'ip-10-0-3-17' }),
        pod('b', { nodeName: 'ip-10-0-1-4' }),
      ],
      nodes: [spotNode, onDemand],
    });
    const [f] = realtimeOnSpotRule.evaluate(ctx);
    expect(f).toMatchObject({
      id: 'realtime-on-spot',
      severity: 'warning',
      subject: 'Deployment/text-classifier',
    });
    expect(f.evidence).toContain(
      '1 of 2 running pods are on spot capacity (karpenter.sh/capacity-type=spot)',
    );
  });

  it('flags a rendered template that selects spot', () => {
    const spec = podSpec(undefined, {
      nodeSelector: { 'cloud.google.com/gke-spot': 'true' },
    });
    const [f] = realtimeOnSpotRule.evaluate(
      buildWorkloadModel({ pattern: 'realtime-gpu', podSpec: spec }),
    );
    expect(f.evidence).toContain(
      'selects spot capacity (cloud.google.com/gke-spot=true)',
    );
  });

  it('accepts spot for async-batch and on-demand for real-time', () => {
    const spot = buildWorkloadModel({
      pattern: 'async-batch',
      pods: [pod('a', { nodeName: 'ip-10-0-3-17' })],
      nodes: [spotNode],
    });
    expect(realtimeOnSpotRule.evaluate(spot)).toEqual([]);
    const ok = buildWorkloadModel({
      pattern: 'realtime-cpu',
      pods: [pod('a', { nodeName: 'ip-10-0-1-4' })],
      nodes: [onDemand],
    });
    expect(realtimeOnSpotRule.evaluate(ok)).toEqual([]);
  });
});
