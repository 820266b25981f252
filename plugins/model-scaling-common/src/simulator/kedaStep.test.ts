import { kedaFallbackReplicas, kedaStep, KedaStepInput } from './kedaStep';

const base: KedaStepInput = {
  now: 1000,
  currentReplicas: 0,
  isActive: false,
  isError: false,
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

  it('keeps replicas while a failing trigger has a fallback (the HPA applies it)', () => {
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
      ready: true,
    });
  });

  it('never scales a failing trigger without fallback to zero: Ready=False TriggerError', () => {
    for (const ready of [true, false]) {
      const r = kedaStep({
        ...base,
        currentReplicas: 2,
        isError: true,
        lastActiveTime: ready ? 0 : 10,
      });
      expect(r).toMatchObject({
        replicas: 2,
        action: 'trigger-error',
        ready: false,
        readyCondition: { status: 'False', reason: 'TriggerError' },
      });
    }
  });

  it('scales to zero on an error when the fallback asks for 0 replicas', () => {
    expect(
      kedaStep({
        ...base,
        currentReplicas: 2,
        isError: true,
        lastActiveTime: 0,
        spec: {
          minReplicaCount: 0,
          cooldownPeriod: 300,
          fallback: { failureThreshold: 3, replicas: 0 },
        },
      }),
    ).toMatchObject({ replicas: 0, action: 'deactivate' });
  });

  it('reports PartialTriggerError without renewing lastActiveTime when active with an error', () => {
    const r = kedaStep({
      ...base,
      currentReplicas: 3,
      isActive: true,
      isError: true,
      lastActiveTime: 500,
    });
    expect(r).toMatchObject({
      replicas: 3,
      action: 'partial-error',
      lastActiveTime: 500,
      readyCondition: { status: 'Unknown', reason: 'PartialTriggerError' },
    });
    // …but activates from zero even so.
    expect(kedaStep({ ...base, isActive: true, isError: true })).toMatchObject({
      replicas: 1,
      action: 'activate',
      lastActiveTime: 1000,
    });
  });

  it('renews lastActiveTime while active above zero', () => {
    expect(
      kedaStep({
        ...base,
        currentReplicas: 3,
        isActive: true,
        lastActiveTime: 10,
      }),
    ).toMatchObject({
      replicas: 3,
      action: 'keep-active',
      lastActiveTime: 1000,
    });
  });

  it('restores minReplicaCount when below it and inactive', () => {
    expect(
      kedaStep({ ...base, currentReplicas: 1, spec: { minReplicaCount: 3 } }),
    ).toMatchObject({ replicas: 3, action: 'set-min' });
  });

  it('uses initialCooldownPeriod from creation until first active, then only cooldownPeriod', () => {
    const spec = {
      minReplicaCount: 0,
      cooldownPeriod: 60,
      initialCooldownPeriod: 1200,
    };
    // Never active: creation + initialCooldownPeriod decides (cooldownPeriod plays no part).
    expect(
      kedaStep({ ...base, currentReplicas: 1, createdAt: 0, spec }).action,
    ).toBe('cooldown');
    expect(
      kedaStep({ ...base, now: 1201, currentReplicas: 1, createdAt: 0, spec }),
    ).toMatchObject({ replicas: 0, action: 'deactivate' });
    // Once active, lastActiveTime + cooldownPeriod decides, even inside the initial period.
    expect(
      kedaStep({
        ...base,
        currentReplicas: 1,
        createdAt: 0,
        lastActiveTime: 900,
        spec,
      }),
    ).toMatchObject({ replicas: 0, action: 'deactivate' });
  });

  it('scales a new ScaledObject that was never active to zero at once by default', () => {
    expect(
      kedaStep({ ...base, now: 0.5, currentReplicas: 1, createdAt: 0 }),
    ).toMatchObject({ replicas: 0, action: 'deactivate' });
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
