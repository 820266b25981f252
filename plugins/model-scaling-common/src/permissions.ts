import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of catalog entities, as `RESOURCE_TYPE_CATALOG_ENTITY` of
 * `@backstage/plugin-catalog-common/alpha` defines it; repeated here so this
 * isomorphic library does not depend on the catalog's alpha entry point.
 */
const RESOURCE_TYPE_CATALOG_ENTITY = 'catalog-entity';

/**
 * Read the scaling status of a catalog entity (`model-scaling.entity.read`).
 * A resource permission on `catalog-entity`, so policies can use the catalog's
 * conditions (owner, kind, annotations) to decide.
 */
export const modelScalingEntityReadPermission = createPermission({
  name: 'model-scaling.entity.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Read the connection health of every cluster (`model-scaling.cluster.read`):
 * `GET /v1/clusters` with API server URLs and raw errors, and the raw text of
 * cluster errors in entity status documents and fleet rows. A basic
 * permission, meant for the platform team; without it a caller sees only a
 * short reason for the clusters relevant to the entities it may read.
 */
export const modelScalingClusterReadPermission = createPermission({
  name: 'model-scaling.cluster.read',
  attributes: { action: 'read' },
});

/**
 * Propose a fix to a model service's repository (`model-scaling.fix.propose`):
 * the scaffolder action `model-service:fix:propose` commits to a branch or
 * opens a pull request with the change. A resource permission on
 * `catalog-entity`, so policies can allow it to the entity's owners only.
 * Nothing is applied to a cluster through it.
 */
export const modelScalingFixProposePermission = createPermission({
  name: 'model-scaling.fix.propose',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** All permissions of the model-scaling plugin, for `permissionsRegistry.addPermissions`. */
export const modelScalingPermissions = [
  modelScalingEntityReadPermission,
  modelScalingClusterReadPermission,
  modelScalingFixProposePermission,
];
