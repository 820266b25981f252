import type { FleetServiceRow } from '../types/status';
import { toFleetRow } from './fleetRow';

const base: FleetServiceRow = {
  entityRef: 'component:default/bert',
  name: 'bert',
  namespace: 'default',
  pattern: 'bursty',
  clusters: ['prod'],
  autoscalerType: 'keda',
  replicas: { current: 3, ready: 3 },
  gpuMode: 'exclusive',
  gpusInUse: 3,
  findings: { error: 0, warning: 1, info: 0 },
  drift: [
    {
      field:
        'scaledObject.spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds',
      expected: '60',
      actual: '300',
    },
  ],
  clusterErrors: [],
  verdict: {
    level: 'at-risk',
    headline: 'At risk',
    reasons: [
      { severity: 'warning', evidence: 'At max replicas (3 of 3)' },
      { severity: 'info', evidence: 'second' },
    ],
  },
};

describe('toFleetRow', () => {
  it('keeps the verdict level, headline and top reason, and drift in words against the named preset', () => {
    const row = toFleetRow(base, { clusterNamespace: 'ml-serving' });
    expect(row.verdict).toEqual({
      level: 'at-risk',
      headline: 'At risk',
      topReason: 'At max replicas (3 of 3)',
      reasons: 2,
    });
    expect(row.driftInWords).toEqual([
      'scale-down window 300 s, preset bursty 60 s',
    ]);
    expect(row).toMatchObject({
      deployed: true,
      gpusInUse: 3,
      clusterNamespace: 'ml-serving',
    });
  });

  it('a service with no workload is "not deployed", never healthy', () => {
    const row = toFleetRow({
      ...base,
      clusters: [],
      findings: { error: 0, warning: 0, info: 0 },
      drift: [],
      verdict: undefined,
      gpusInUse: undefined,
    });
    expect(row.deployed).toBe(false);
    expect(row.verdict.level).toBe('not-deployed');
    expect(row.gpusInUse).toBe(0);
  });
});
