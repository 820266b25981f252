import { kedaFallbackReplicas, kedaStep, KedaStepInput } from './kedaStep';

const base: KedaStepInput = {
  now: 1000,
  currentReplicas: 0,
  isActive: false,
  isError: false,
  ready: true,
  spec: { minReplicaCount: 0, cooldownPeriod: 300 },
};

describe('kedaStep', () => {
  it('activates 0 → 1 when a trigger is above its activation threshold', () => {
    expect(kedaStep({ ...base, isActive: true })).toMatchObject({
      replicas: 1,
      action: 'activate',
      lastActiveTime: 1000,
    });
  });

  it('activates to minReplicaCount when it is above 1', () => {
    expect(
      kedaStep({ ...base, isActive: true, spec: { minReplicaCount: 3 } })
        .replicas,
    ).toBe(3);
  });

  it('stays at 0 while inactive', () => {
    expect(kedaStep(base)).toMatchObject({ replicas: 0, action: 'none' });
  });

  it('waits for the cooldown period before returning to 0', () => {
    const during = kedaStep({
      ...base,
      currentReplicas: 4,
      lastActiveTime: 800,
    });
    expect(during).toMatchObject({
      replicas: 4,
      action: 'cooldown',
      activeReason: 'ScalerCooldown',
    });
    expect(
      kedaStep({ ...base, currentReplicas: 4, lastActiveTime: 700 }).replicas,
    ).toBe(4); // 700 + 300 is not before 1000
    expect(
      kedaStep({ ...base, currentReplicas: 4, lastActiveTime: 699 }),
    ).toMatchObject({ replicas: 0, action: 'deactivate' });
  });

  it('scales to the idle count and back to min with idleReplicaCount', () => {
    const spec = {
      minReplicaCount: 2,
      idleReplicaCount: 0,
      cooldownPeriod: 60,
    };
    expect(
      kedaStep({ ...base, currentReplicas: 2, lastActiveTime: 900, spec }),
    ).toMatchObject({ replicas: 0, action: 'deactivate' });
    expect(
      kedaStep({ ...base, currentReplicas: 0, isActive: true, spec }),
    ).toMatchObject({ replicas: 2, action: 'activate' });
  });

  it('keeps replicas while a failing trigger has a fallback', () => {
    const spec = {
      minReplicaCount: 0,
      fallback: { failureThreshold: 3, replicas: 5 },
    };
    expect(
      kedaStep({
        ...base,
        currentReplicas: 2,
        isError: true,
        lastActiveTime: 0,
        spec,
      }),
    ).toMatchObject({
      replicas: 2,
      action: 'await-fallback',
      ready: false,
    });
  });

  it('marks not ready first, then scales to zero on a failing trigger without fallback', () => {
    const first = kedaStep({
      ...base,
      currentReplicas: 2,
      isError: true,
      lastActiveTime: 0,
    });
    expect(first).toMatchObject({
      replicas: 2,
      action: 'mark-not-ready',
      ready: false,
    });
    expect(
      kedaStep({
        ...base,
        currentReplicas: 2,
        isError: true,
        lastActiveTime: 0,
        ready: false,
      }).replicas,
    ).toBe(0);
  });

  it('restores minReplicaCount when below it and inactive', () => {
    expect(
      kedaStep({ ...base, currentReplicas: 1, spec: { minReplicaCount: 3 } }),
    ).toMatchObject({ replicas: 3, action: 'set-min' });
  });

  it('honours initialCooldownPeriod after creation', () => {
    const spec = { minReplicaCount: 0, initialCooldownPeriod: 1200 };
    expect(
      kedaStep({ ...base, currentReplicas: 1, createdAt: 0, spec }).action,
    ).toBe('cooldown');
  });

  it('computes fallback replicas by behavior', () => {
    const fb = { failureThreshold: 3, replicas: 5 };
    expect(kedaFallbackReplicas(fb, 8)).toBe(5);
    expect(
      kedaFallbackReplicas({ ...fb, behavior: 'currentReplicas' }, 8),
    ).toBe(8);
    expect(
      kedaFallbackReplicas({ ...fb, behavior: 'currentReplicasIfHigher' }, 8),
    ).toBe(8);
    expect(
      kedaFallbackReplicas({ ...fb, behavior: 'currentReplicasIfHigher' }, 2),
    ).toBe(5);
    expect(
      kedaFallbackReplicas({ ...fb, behavior: 'currentReplicasIfLower' }, 8),
    ).toBe(5);
    expect(
      kedaFallbackReplicas({ ...fb, behavior: 'currentReplicasIfLower' }, 2),
    ).toBe(2);
  });
});
