import {
  isPermission,
  isReadPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  modelScalingClusterReadPermission,
  modelScalingEntityReadPermission,
  modelScalingFixProposePermission,
  modelScalingPermissions,
} from './permissions';

describe('permissions', () => {
  it('defines a read permission on catalog entities', () => {
    expect(modelScalingEntityReadPermission).toEqual({
      type: 'resource',
      name: 'model-scaling.entity.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
    expect(
      isResourcePermission(modelScalingEntityReadPermission, 'catalog-entity'),
    ).toBe(true);
    expect(isReadPermission(modelScalingEntityReadPermission)).toBe(true);
  });

  it('defines a basic read permission on cluster health', () => {
    expect(modelScalingClusterReadPermission).toEqual({
      type: 'basic',
      name: 'model-scaling.cluster.read',
      attributes: { action: 'read' },
    });
    expect(isReadPermission(modelScalingClusterReadPermission)).toBe(true);
  });

  it('defines an update permission on catalog entities for proposing fixes', () => {
    expect(modelScalingFixProposePermission).toEqual({
      type: 'resource',
      name: 'model-scaling.fix.propose',
      attributes: { action: 'update' },
      resourceType: 'catalog-entity',
    });
  });

  it('lists every permission once', () => {
    expect(modelScalingPermissions).toEqual([
      modelScalingEntityReadPermission,
      modelScalingClusterReadPermission,
      modelScalingFixProposePermission,
    ]);
    expect(
      isPermission(
        modelScalingPermissions[0],
        modelScalingEntityReadPermission,
      ),
    ).toBe(true);
  });
});
