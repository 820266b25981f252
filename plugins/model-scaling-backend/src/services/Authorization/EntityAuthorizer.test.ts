import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  modelScalingClusterReadPermission,
  modelScalingEntityReadPermission,
} from '@internal/plugin-model-scaling-common';
import { CachedEntityAuthorizer } from './EntityAuthorizer';

const service = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': name },
  },
  spec: { type: 'model-service', owner, lifecycle: 'production' },
  // What the catalog's processing adds, and isEntityOwner reads.
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

const nlp = service('text-classifier', 'group:default/team-nlp');
const vision = service('image-classifier', 'group:default/team-vision');
const alice = mockCredentials.user('user:default/alice');
const victor = mockCredentials.user('user:default/victor');
const CLAIMS: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', 'group:default/team-nlp'],
  'user:default/victor': ['user:default/victor', 'group:default/team-vision'],
};

/**
 * A permission service answering like the permission backend with a policy:
 * `entityRead` decides model-scaling.entity.read, `catalogRead` the
 * catalog's read, per caller.
 */
function policy(decide: {
  catalogRead?: (user: string) => PolicyDecision;
  entityRead?: (user: string) => PolicyDecision;
  clusterRead?: boolean;
}) {
  const permissions = mockServices.permissions.mock();
  const userOf = (o: { credentials: any }) =>
    o.credentials.principal.userEntityRef as string;
  permissions.authorizeConditional.mockImplementation(async (reqs, o) =>
    reqs.map(r => {
      if (r.permission.name === catalogEntityReadPermission.name) {
        return (
          decide.catalogRead?.(userOf(o)) ?? { result: AuthorizeResult.ALLOW }
        );
      }
      if (r.permission.name === modelScalingEntityReadPermission.name) {
        return (
          decide.entityRead?.(userOf(o)) ?? { result: AuthorizeResult.ALLOW }
        );
      }
      throw new Error(`unexpected ${r.permission.name}`);
    }),
  );
  permissions.authorize.mockImplementation(async reqs =>
    reqs.map(r => {
      if (r.permission.name === modelScalingClusterReadPermission.name) {
        return {
          result: decide.clusterRead
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        };
      }
      throw new Error(`unexpected authorize ${r.permission.name}`);
    }),
  );
  return permissions;
}

/** isEntityOwner with the caller's claims, as a policy returns it. */
const ownersOnly =
  (permission: typeof catalogEntityReadPermission) => (user: string) =>
    createCatalogConditionalDecision(
      permission,
      catalogConditions.isEntityOwner({ claims: CLAIMS[user] ?? [] }),
    );

describe('CachedEntityAuthorizer', () => {
  it('allow: a caller allowed everything reads every entity', async () => {
    const authorizer = new CachedEntityAuthorizer({
      permissions: policy({ clusterRead: true }),
    });
    expect(await authorizer.access(alice, nlp)).toBe('allow');
    expect(await authorizer.canRead(alice, vision)).toBe(true);
    expect(await authorizer.clusterRead(alice)).toBe(true);
  });

  it('deny: model-scaling.entity.read denied is "denied" (403); catalog read denied is "hidden" (404)', async () => {
    const noScaling = new CachedEntityAuthorizer({
      permissions: policy({
        entityRead: () => ({ result: AuthorizeResult.DENY }),
      }),
    });
    expect(await noScaling.access(alice, nlp)).toBe('denied');
    expect(await noScaling.clusterRead(alice)).toBe(false);
    const noCatalog = new CachedEntityAuthorizer({
      permissions: policy({
        catalogRead: () => ({ result: AuthorizeResult.DENY }),
      }),
    });
    expect(await noCatalog.access(alice, nlp)).toBe('hidden');
    expect(await noCatalog.canRead(alice, nlp)).toBe(false);
  });

  it('conditional: isEntityOwner on model-scaling.entity.read, evaluated with the catalog’s rule', async () => {
    const authorizer = new CachedEntityAuthorizer({
      permissions: policy({
        entityRead: ownersOnly(modelScalingEntityReadPermission as any),
      }),
    });
    expect(await authorizer.access(alice, nlp)).toBe('allow');
    expect(await authorizer.access(alice, vision)).toBe('denied');
    expect(await authorizer.access(victor, vision)).toBe('allow');
    expect(await authorizer.access(victor, nlp)).toBe('denied');
    // An entity without relations is nobody's.
    const { relations, ...orphan } = nlp;
    expect(relations).toBeDefined();
    expect(await authorizer.access(alice, orphan)).toBe('denied');
  });

  it('conditional: isEntityOwner on the catalog read hides other teams’ entities (404)', async () => {
    const authorizer = new CachedEntityAuthorizer({
      permissions: policy({
        catalogRead: ownersOnly(catalogEntityReadPermission),
      }),
    });
    expect(await authorizer.access(alice, nlp)).toBe('allow');
    expect(await authorizer.access(alice, vision)).toBe('hidden');
    expect(
      (await authorizer.filterReadable(alice, [vision, nlp])).map(
        e => e.metadata.name,
      ),
    ).toEqual(['text-classifier']);
  });

  it('conditional: criteria (allOf, not, hasAnnotation) are applied as the catalog applies them', async () => {
    const authorizer = new CachedEntityAuthorizer({
      permissions: policy({
        entityRead: () =>
          createCatalogConditionalDecision(
            modelScalingEntityReadPermission as any,
            {
              allOf: [
                catalogConditions.hasAnnotation({
                  annotation: 'backstage.io/kubernetes-id',
                }),
                {
                  not: catalogConditions.isEntityOwner({
                    claims: ['group:default/team-vision'],
                  }),
                },
              ],
            },
          ),
      }),
    });
    expect(await authorizer.access(alice, nlp)).toBe('allow');
    expect(await authorizer.access(alice, vision)).toBe('denied');
  });

  it('conditional with a rule this plugin does not know: the permission backend decides for that entity', async () => {
    const permissions = policy({
      entityRead: () => ({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_IN_SYSTEM',
          resourceType: 'catalog-entity',
          params: { systemRef: 'system:default/ml' },
        },
      }),
    });
    permissions.authorize.mockImplementation(async reqs =>
      reqs.map(r => ({
        result:
          'resourceRef' in r &&
          r.resourceRef === 'component:default/text-classifier'
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
    );
    const authorizer = new CachedEntityAuthorizer({ permissions });
    expect(await authorizer.access(alice, nlp)).toBe('allow');
    expect(await authorizer.access(alice, vision)).toBe('denied');
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: modelScalingEntityReadPermission,
          resourceRef: 'component:default/text-classifier',
        },
      ],
      { credentials: alice },
    );
    // Cached too: a second view of the entity asks nothing.
    const calls = permissions.authorize.mock.calls.length;
    expect(await authorizer.access(alice, nlp)).toBe('allow');
    expect(permissions.authorize.mock.calls.length).toBe(calls);
  });

  it('decision cache: one round of calls per caller until the TTL passes, then the policy is asked again', async () => {
    let now = 1_000_000;
    let allowed = true;
    const permissions = policy({
      entityRead: () => ({
        result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      }),
    });
    const authorizer = new CachedEntityAuthorizer({
      permissions,
      ttlMs: 5000,
      now: () => now,
    });
    for (let i = 0; i < 50; i++) {
      expect(await authorizer.access(alice, i % 2 ? nlp : vision)).toBe(
        'allow',
      );
    }
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
    // Another caller has decisions of its own.
    await authorizer.access(victor, nlp);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(2);

    // The policy changes: within the TTL the cached decision stands ...
    allowed = false;
    now += 4999;
    expect(await authorizer.access(alice, nlp)).toBe('allow');
    // ... after it, the caller's new decision applies.
    now += 2;
    expect(await authorizer.access(alice, nlp)).toBe('denied');
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(3);
  });

  it('a failed permission call is not cached', async () => {
    const permissions = policy({});
    permissions.authorizeConditional.mockRejectedValueOnce(
      new Error('permission backend down'),
    );
    const authorizer = new CachedEntityAuthorizer({ permissions });
    await expect(authorizer.access(alice, nlp)).rejects.toThrow(
      'permission backend down',
    );
    expect(await authorizer.access(alice, nlp)).toBe('allow');
  });

  it('keeps at most maxCallers callers', async () => {
    const permissions = policy({});
    const authorizer = new CachedEntityAuthorizer({
      permissions,
      maxCallers: 2,
    });
    for (const u of ['a', 'b', 'c']) {
      await authorizer.access(mockCredentials.user(`user:default/${u}`), nlp);
    }
    // 'a' was dropped (the oldest): asked again; 'c' is still cached.
    await authorizer.access(mockCredentials.user('user:default/a'), nlp);
    await authorizer.access(mockCredentials.user('user:default/c'), nlp);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(4);
  });
});
