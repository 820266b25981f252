import { validateSettings } from './validateSettings';
import { WhatIfSettings } from '@internal/plugin-model-scaling-common';

const valid: WhatIfSettings = {
  shape: 'diurnal',
  peakRps: 400,
  minReplicas: 2,
  maxReplicas: 20,
  target: 70,
  scaleDownWindowSeconds: 300,
  podCapacityRps: 100,
  serviceTimeMs: 20,
  coldStartSeconds: 10,
};
const hpaCpu = { autoscaler: 'hpa' as const, kind: 'cpu' as const };
const kedaRate = { autoscaler: 'keda' as const, kind: 'rate' as const };

describe('validateSettings', () => {
  it('accepts valid settings', () => {
    expect(validateSettings(valid, hpaCpu)).toEqual({});
  });

  it('lets KEDA, not an HPA, scale to zero', () => {
    expect(validateSettings({ ...valid, minReplicas: 0 }, kedaRate)).toEqual(
      {},
    );
    expect(validateSettings({ ...valid, minReplicas: 0 }, hpaCpu)).toEqual({
      minReplicas: 'must be a whole number ≥ 1',
    });
  });

  it('names each broken field', () => {
    expect(
      validateSettings(
        {
          ...valid,
          peakRps: -1,
          minReplicas: 5,
          maxReplicas: 3,
          target: 120,
          scaleDownWindowSeconds: 4000,
          podCapacityRps: 0,
          serviceTimeMs: NaN,
          coldStartSeconds: -2,
        },
        hpaCpu,
      ),
    ).toEqual({
      peakRps: 'must be a number ≥ 0',
      maxReplicas: 'must not be below min replicas',
      target: 'a CPU target above 100 % is never reached',
      scaleDownWindowSeconds:
        'must be a whole number of seconds from 0 to 3600',
      podCapacityRps: 'must be greater than 0',
      serviceTimeMs: 'must be greater than 0',
      coldStartSeconds: 'must be a number ≥ 0',
    });
  });

  it('allows a threshold above 100 for a rate metric', () => {
    expect(validateSettings({ ...valid, target: 250 }, kedaRate)).toEqual({});
  });

  it('rejects fractional replica counts', () => {
    expect(
      validateSettings({ ...valid, minReplicas: 1.5 }, hpaCpu).minReplicas,
    ).toBeDefined();
  });
});
