import {
  BackstageCredentials,
  BackstageUserInfo,
  coreServices,
  createBackendModule,
  createServiceFactory,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  FleetServiceRow,
  modelScalingClusterReadPermission,
  modelScalingEntityReadPermission,
} from '@internal/plugin-model-scaling-common';
import request from 'supertest';
import { eventually } from './__testUtils__/startScalingBackend';
import { modelScalingPlugin } from './plugin';

const LOCATION = 'url:https://git.example/model-services/catalog-info.yaml';

const modelService = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': LOCATION,
      'backstage.io/managed-by-origin-location': LOCATION,
      'backstage.io/kubernetes-id': name,
      'backstage.io/kubernetes-namespace': 'ml-serving',
    },
  },
  spec: { type: 'model-service', owner, lifecycle: 'production' },
});

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': LOCATION,
      'backstage.io/managed-by-origin-location': LOCATION,
    },
  },
  spec: { type: 'team', children: [] },
});

const entities = [
  modelService('text-classifier', 'group:default/team-nlp'),
  modelService('summarizer', 'group:default/team-nlp'),
  modelService('image-classifier', 'group:default/team-vision'),
  group('team-nlp'),
  group('team-vision'),
];

/** Team membership as the sign-in resolver would give it. */
const MEMBERSHIP: Record<string, string[]> = {
  'user:default/alice': ['group:default/team-nlp'],
  'user:default/victor': ['group:default/team-vision'],
};

class TeamUserInfo implements UserInfoService {
  async getUserInfo(
    credentials: BackstageCredentials,
  ): Promise<BackstageUserInfo> {
    const principal = credentials.principal as { userEntityRef: string };
    return {
      userEntityRef: principal.userEntityRef,
      ownershipEntityRefs: [
        principal.userEntityRef,
        ...(MEMBERSHIP[principal.userEntityRef] ?? []),
      ],
    };
  }
}

const MOCK_SERVICE_TOKEN_PREFIX = 'mock-service-token:';

/**
 * The test utilities' httpAuth, except that a plugin's request on behalf of a
 * user carries the calling plugin as actor, as real Backstage tokens do. The
 * mock drops the actor, and the permission backend then takes the catalog's
 * own conditional checks for direct user requests and refuses them.
 */
const onBehalfOfAwareHttpAuth = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): HttpAuthService {
    const inner = mockServices.httpAuth({
      pluginId: plugin.getId(),
      defaultCredentials: mockCredentials.none(),
    });
    return {
      async credentials(req, options) {
        const credentials = await inner.credentials(req, options as any);
        const token =
          req.headers.authorization?.match(/^Bearer[ ]+(\S+)$/i)?.[1];
        if (token?.startsWith(MOCK_SERVICE_TOKEN_PREFIX)) {
          const { obo } = JSON.parse(
            token.slice(MOCK_SERVICE_TOKEN_PREFIX.length),
          );
          if (obo) {
            return mockCredentials.user(obo, {
              actor: { subject: 'plugin-request' },
            }) as any;
          }
        }
        return credentials;
      },
      issueUserCookie: (res, options) => inner.issueUserCookie(res, options),
    };
  },
});

/**
 * A real conditional policy: model-scaling.entity.read only on entities the
 * user (or their team) owns, evaluated by the catalog's isEntityOwner rule;
 * model-scaling.cluster.read for nobody; everything else allowed.
 */
class OwnersReadTheirServices implements PermissionPolicy {
  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (
      isPermission(query.permission, modelScalingEntityReadPermission) &&
      isResourcePermission(query.permission, 'catalog-entity')
    ) {
      return createCatalogConditionalDecision(
        query.permission,
        catalogConditions.isEntityOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    if (isPermission(query.permission, modelScalingClusterReadPermission)) {
      return { result: AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

describe('a conditional policy: isEntityOwner on model-scaling.entity.read', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const alice = mockCredentials.user.header('user:default/alice');

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        modelScalingPlugin,
        catalogPlugin,
        permissionPlugin,
        createBackendModule({
          pluginId: 'permission',
          moduleId: 'owners-read-their-services',
          register(reg) {
            reg.registerInit({
              deps: { policy: policyExtensionPoint },
              async init({ policy }) {
                policy.setPolicy(new OwnersReadTheirServices());
              },
            });
          },
        }),
        createBackendModule({
          pluginId: 'catalog',
          moduleId: 'test-entities',
          register(reg) {
            reg.registerInit({
              deps: { catalog: catalogProcessingExtensionPoint },
              async init({ catalog }) {
                catalog.addEntityProvider({
                  getProviderName: () => 'test-entities',
                  connect: async connection => {
                    await connection.applyMutation({
                      type: 'full',
                      entities: entities.map(entity => ({
                        entity,
                        locationKey: 'test-entities',
                      })),
                    });
                  },
                });
              },
            });
          },
        }),
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => new TeamUserInfo(),
        }),
        onBehalfOfAwareHttpAuth,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
            permission: { enabled: true },
            kubernetes: { clusterLocatorMethods: [] },
            modelScaling: { triton: { enabled: false } },
          },
        }),
      ],
    }));
    // The catalog processes the provided entities in the background.
    await eventually(
      async () => {
        const res = await request(server)
          .get('/api/catalog/entities/by-query')
          .query({ filter: 'kind=component,spec.type=model-service' })
          .set('Authorization', alice);
        return res.body.items?.length === 3;
      },
      60000,
      'catalog processed the model services',
    );
  }, 90000);

  it('a user reads the scaling status of their team’s service', async () => {
    const res = await request(server)
      .get(
        '/api/model-scaling/v1/entities/default/component/text-classifier/status',
      )
      .set('Authorization', alice);
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/text-classifier');
  });

  it('attack: a user reads the scaling status of another team’s service — 403', async () => {
    const res = await request(server)
      .get(
        '/api/model-scaling/v1/entities/default/component/image-classifier/status',
      )
      .set('Authorization', alice);
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
  });

  it('the fleet lists only the services of the caller’s team', async () => {
    const asAlice = await request(server)
      .get('/api/model-scaling/v1/services')
      .set('Authorization', alice);
    expect(asAlice.status).toBe(200);
    expect(asAlice.body.services.map((s: FleetServiceRow) => s.name)).toEqual([
      'summarizer',
      'text-classifier',
    ]);
    const asVictor = await request(server)
      .get('/api/model-scaling/v1/services')
      .set('Authorization', mockCredentials.user.header('user:default/victor'));
    expect(asVictor.body.services.map((s: FleetServiceRow) => s.name)).toEqual([
      'image-classifier',
    ]);
  });

  it('attack: cluster health without model-scaling.cluster.read — 403', async () => {
    const res = await request(server)
      .get('/api/model-scaling/v1/clusters')
      .set('Authorization', alice);
    expect(res.status).toBe(403);
  });
});
