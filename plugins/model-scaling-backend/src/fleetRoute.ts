import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  FleetFacets,
  FleetPageResponse,
  FleetRow,
  fleetTotalsOf,
  parseFleetQuery,
  queryFleet,
} from '@internal/plugin-model-scaling-common';
import { shortClusterReason } from './services/EntityStatus/clusterErrorView';
import { FleetIndex } from './services/FleetIndex/FleetIndex';
import { ModelScalingApiRouter } from './schema/createApiRouter';

/** How the fleet route decides what a caller may read (the plugin's cached per-caller authorizer). */
export interface FleetReadAuthorizer {
  /** The entities whose scaling status the caller may read. */
  filterReadable(
    credentials: BackstageCredentials,
    entities: Entity[],
  ): Promise<Entity[]>;
  /** True when the caller holds `model-scaling.cluster.read`. */
  clusterRead(credentials: BackstageCredentials): Promise<boolean>;
}

/** What the fleet route reads of the {@link FleetIndex}. */
export type FleetRouteIndex = Pick<
  FleetIndex,
  'entities' | 'sorted' | 'totals' | 'version' | 'configErrorOf'
>;

/** Dependencies of {@link registerFleetRoute}. */
export interface FleetRouteOptions {
  httpAuth: HttpAuthService;
  authorizer: FleetReadAuthorizer;
  fleet: FleetRouteIndex;
  now?: () => Date;
}

function facetsOf(rows: readonly FleetRow[]): FleetFacets {
  const owners = new Set<string>();
  const clusters = new Set<string>();
  const patterns = new Set<string>();
  for (const r of rows) {
    if (r.owner) owners.add(r.owner);
    for (const c of r.clusters) clusters.add(c);
    patterns.add(r.pattern ?? 'unset');
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return {
    owners: sorted(owners),
    clusters: sorted(clusters),
    patterns: sorted(patterns),
  };
}

/**
 * `GET /v1/fleet`: one page of the fleet index, filtered, sorted (stable,
 * ties by entity ref) and paged on the server, with the totals and filter
 * values over every service the caller may read. Rows come from the
 * incrementally kept {@link FleetIndex}; a request only filters and slices.
 * The caller sees the services it may read (`catalog.entity.read` and
 * `model-scaling.entity.read`, decided by the authorizer) and raw cluster
 * errors only with `model-scaling.cluster.read`.
 */
export function registerFleetRoute(
  router: ModelScalingApiRouter,
  options: FleetRouteOptions,
): void {
  const { httpAuth, authorizer, fleet } = options;
  const now = options.now ?? (() => new Date());
  let facetsCache: { version: number; facets: FleetFacets } | undefined;

  router.get('/v1/fleet', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const parsed = parseFleetQuery(req.query);
    if ('error' in parsed) throw new InputError(parsed.error);
    const { query } = parsed;

    const entities = fleet.entities();
    const [readable, clusterDetails] = await Promise.all([
      authorizer.filterReadable(credentials, entities),
      authorizer.clusterRead(credentials),
    ]);
    const sorted = fleet.sorted(query.sort, query.order);
    let visible: readonly FleetRow[];
    let totals;
    let facets: FleetFacets;
    if (readable.length === entities.length) {
      visible = sorted;
      totals = fleet.totals();
      if (facetsCache?.version !== fleet.version) {
        facetsCache = { version: fleet.version, facets: facetsOf(sorted) };
      }
      facets = facetsCache.facets;
    } else {
      const refs = new Set(readable.map(e => stringifyEntityRef(e)));
      visible = sorted.filter(r => refs.has(r.entityRef));
      totals = fleetTotalsOf(visible);
      facets = facetsOf(visible);
    }
    const page = queryFleet(visible, query, { sorted: true });
    const rows = clusterDetails
      ? page.rows
      : page.rows.map(r =>
          r.clusterErrors.length === 0
            ? r
            : {
                ...r,
                clusterErrors: r.clusterErrors.map(e => ({
                  ...e,
                  message: shortClusterReason(
                    e.message,
                    e.message === fleet.configErrorOf(e.cluster),
                  ),
                })),
              },
        );
    const body: FleetPageResponse = {
      generatedAt: now().toISOString(),
      totals,
      facets,
      total: page.total,
      rows,
      ...(page.nextOffset !== undefined && { nextOffset: page.nextOffset }),
    };
    res.json(body);
  });
}
