import {
  checkApplyAllowedKind,
  FIELD_MANAGER,
  isApplyAllowedKind,
  isOwnedByApply,
  MANAGED_BY_LABEL,
} from './applyPolicy';

describe('applyPolicy', () => {
  it('allows the kinds of a model service in their API groups only', () => {
    expect(isApplyAllowedKind('apps/v1', 'Deployment')).toBe(true);
    expect(isApplyAllowedKind('v1', 'Service')).toBe(true);
    expect(
      isApplyAllowedKind('autoscaling/v2', 'HorizontalPodAutoscaler'),
    ).toBe(true);
    expect(isApplyAllowedKind('keda.sh/v1alpha1', 'ScaledObject')).toBe(true);
    expect(isApplyAllowedKind('policy/v1', 'PodDisruptionBudget')).toBe(true);
    expect(isApplyAllowedKind('v1', 'Secret')).toBe(false);
    expect(isApplyAllowedKind('v1', 'Pod')).toBe(false);
    expect(isApplyAllowedKind('rbac.authorization.k8s.io/v1', 'Role')).toBe(
      false,
    );
    // a look-alike kind in another group is not the allowed kind
    expect(isApplyAllowedKind('evil.example.com/v1', 'Deployment')).toBe(false);
    expect(
      isApplyAllowedKind('keda.sh/v1alpha1', 'ClusterTriggerAuthentication'),
    ).toBe(false);
  });

  it('names where the refused object is', () => {
    expect(() =>
      checkApplyAllowedKind(
        { apiVersion: 'v1', kind: 'Secret' },
        'k8s/secret.yaml document 2',
      ),
    ).toThrow(
      'k8s/secret.yaml document 2: kind Secret (v1) may not be applied by model-service:cluster:apply',
    );
  });

  it('owns an object only with both our label and our Apply field manager', () => {
    const label = { [MANAGED_BY_LABEL]: FIELD_MANAGER };
    const applied = [{ manager: FIELD_MANAGER, operation: 'Apply' }];
    expect(
      isOwnedByApply({ metadata: { labels: label, managedFields: applied } }),
    ).toBe(true);
    expect(isOwnedByApply({ metadata: { labels: label } })).toBe(false);
    expect(isOwnedByApply({ metadata: { managedFields: applied } })).toBe(
      false,
    );
    expect(
      isOwnedByApply({
        metadata: {
          labels: label,
          managedFields: [{ manager: 'kubectl', operation: 'Apply' }],
        },
      }),
    ).toBe(false);
    expect(isOwnedByApply({})).toBe(false);
  });
});
