import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { permissionRules as catalogPermissionRules } from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityReadPermission,
  RESOURCE_TYPE_CATALOG_ENTITY,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  modelScalingClusterReadPermission,
  modelScalingEntityReadPermission,
} from '@internal/plugin-model-scaling-common';
import { principalKey } from './principalKey';

/**
 * What a caller may do with an entity: `allow` (read it in the catalog and
 * hold `model-scaling.entity.read` on it), `denied` (sees it in the catalog,
 * but not its scaling status: 403) or `hidden` (may not read it in the
 * catalog: answered like a missing entity, 404).
 */
export type EntityAccess = 'allow' | 'denied' | 'hidden';

/**
 * Per-caller authorization of model-scaling reads, for every route that
 * serves entity data. Exact: the caller's own decisions from the permission
 * policy, conditional decisions applied to the entity with the catalog's own
 * rules.
 */
export interface EntityReadAuthorizer {
  /** The caller's access to an entity (the status route: 404 for `hidden`, 403 for `denied`). */
  access(
    credentials: BackstageCredentials,
    entity: Entity,
  ): Promise<EntityAccess>;
  /** True when the caller may read the entity's scaling status. */
  canRead(credentials: BackstageCredentials, entity: Entity): Promise<boolean>;
  /** The entities whose scaling status the caller may read, in their order. */
  filterReadable(
    credentials: BackstageCredentials,
    entities: Entity[],
  ): Promise<Entity[]>;
  /** True when the caller holds `model-scaling.cluster.read` (raw cluster errors, cluster health). */
  clusterRead(credentials: BackstageCredentials): Promise<boolean>;
}

/** Options of {@link CachedEntityAuthorizer}. */
export interface CachedEntityAuthorizerOptions {
  permissions: PermissionsService;
  /** How long a caller's decisions are reused (default 5,000 ms). */
  ttlMs?: number;
  /** Callers whose decisions are kept at most (default 10,000); the oldest go first. */
  maxCallers?: number;
  now?: () => number;
}

interface CallerDecisions {
  catalogRead: PolicyDecision;
  entityRead: PolicyDecision;
  clusterRead: boolean;
  /** Decisions the permission backend made on one entity, when local rules could not. */
  perEntity: Map<string, Promise<boolean>>;
}

interface CacheEntry {
  expires: number;
  decisions: Promise<CallerDecisions>;
}

// The catalog's rules, as the catalog backend registers them for
// `catalog-entity` (`permissionRules` of @backstage/plugin-catalog-backend/alpha).
const applyCatalogConditions = createConditionAuthorizer<Entity>({
  getRuleByName(name: string) {
    const rule = Object.values(catalogPermissionRules).find(
      r => r.name === name,
    );
    if (!rule) throw new Error(`Unknown catalog permission rule ${name}`);
    return rule as any;
  },
});

/**
 * {@link EntityReadAuthorizer} with each caller's decisions cached for a few
 * seconds: per caller and TTL, one `authorizeConditional` for
 * `catalog.entity.read` and `model-scaling.entity.read` and one `authorize`
 * for `model-scaling.cluster.read`, however many entities it reads. A
 * CONDITIONAL decision is applied to the entity locally with the catalog's
 * permission rules (`createConditionAuthorizer`, as the catalog's own
 * permission integration does), so `isEntityOwner`, `hasAnnotation` and the
 * others are honoured without a call. Conditions naming a rule this plugin
 * does not know (a custom catalog rule) are decided by the permission
 * backend for that entity (`authorize` with its `resourceRef`), cached the
 * same way. Failed calls are not cached.
 */
export class CachedEntityAuthorizer implements EntityReadAuthorizer {
  readonly #cache = new Map<string, CacheEntry>();
  readonly #ttlMs: number;
  readonly #maxCallers: number;
  readonly #now: () => number;
  #permissionCalls = 0;

  constructor(private readonly options: CachedEntityAuthorizerOptions) {
    this.#ttlMs = options.ttlMs ?? 5000;
    this.#maxCallers = options.maxCallers ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** Calls made to the permission service so far (for benchmarks and tests). */
  get permissionCalls(): number {
    return this.#permissionCalls;
  }

  async access(
    credentials: BackstageCredentials,
    entity: Entity,
  ): Promise<EntityAccess> {
    const decisions = await this.#decisions(credentials);
    const [catalogRead, entityRead] = await Promise.all([
      this.#allows(
        credentials,
        decisions,
        catalogEntityReadPermission,
        decisions.catalogRead,
        entity,
      ),
      this.#allows(
        credentials,
        decisions,
        modelScalingEntityReadPermission,
        decisions.entityRead,
        entity,
      ),
    ]);
    if (!catalogRead) return 'hidden';
    return entityRead ? 'allow' : 'denied';
  }

  async canRead(
    credentials: BackstageCredentials,
    entity: Entity,
  ): Promise<boolean> {
    return (await this.access(credentials, entity)) === 'allow';
  }

  async filterReadable(
    credentials: BackstageCredentials,
    entities: Entity[],
  ): Promise<Entity[]> {
    const decisions = await this.#decisions(credentials);
    const { catalogRead, entityRead } = decisions;
    // Unconditional decisions hold for every entity alike.
    if (
      catalogRead.result !== AuthorizeResult.CONDITIONAL &&
      entityRead.result !== AuthorizeResult.CONDITIONAL
    ) {
      return catalogRead.result === AuthorizeResult.ALLOW &&
        entityRead.result === AuthorizeResult.ALLOW
        ? [...entities]
        : [];
    }
    // Conditions applied here are answered at once; only those the
    // permission backend decides per entity are awaited.
    const allowed: Array<boolean | Promise<boolean>> = entities.map(e => {
      const args = [credentials, decisions] as const;
      const c = this.#allows(
        ...args,
        catalogEntityReadPermission,
        catalogRead,
        e,
      );
      const r = this.#allows(
        ...args,
        modelScalingEntityReadPermission,
        entityRead,
        e,
      );
      return typeof c === 'boolean' && typeof r === 'boolean'
        ? c && r
        : Promise.all([c, r]).then(([x, y]) => x && y);
    });
    const settled = allowed.some(a => typeof a !== 'boolean')
      ? await Promise.all(allowed)
      : (allowed as boolean[]);
    return entities.filter((_, i) => settled[i]);
  }

  async clusterRead(credentials: BackstageCredentials): Promise<boolean> {
    return (await this.#decisions(credentials)).clusterRead;
  }

  #decisions(credentials: BackstageCredentials): Promise<CallerDecisions> {
    const key = principalKey(credentials);
    const now = this.#now();
    const cached = this.#cache.get(key);
    if (cached && cached.expires > now) return cached.decisions;
    const decisions = this.#ask(credentials);
    const entry: CacheEntry = { expires: now + this.#ttlMs, decisions };
    this.#cache.delete(key);
    this.#cache.set(key, entry);
    decisions.catch(() => {
      if (this.#cache.get(key) === entry) this.#cache.delete(key);
    });
    this.#prune(now);
    return decisions;
  }

  async #ask(credentials: BackstageCredentials): Promise<CallerDecisions> {
    this.#permissionCalls += 2;
    const [[catalogRead, entityRead], [clusterRead]] = await Promise.all([
      this.options.permissions.authorizeConditional(
        [
          { permission: catalogEntityReadPermission },
          { permission: modelScalingEntityReadPermission },
        ],
        { credentials },
      ),
      this.options.permissions.authorize(
        [{ permission: modelScalingClusterReadPermission }],
        { credentials },
      ),
    ]);
    return {
      catalogRead,
      entityRead,
      clusterRead: clusterRead.result === AuthorizeResult.ALLOW,
      perEntity: new Map(),
    };
  }

  /** Whether a decision allows a permission on an entity. */
  #allows(
    credentials: BackstageCredentials,
    decisions: CallerDecisions,
    permission: ResourcePermission,
    decision: PolicyDecision,
    entity: Entity,
  ): Promise<boolean> | boolean {
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision.result === AuthorizeResult.ALLOW;
    }
    if (
      decision.pluginId === 'catalog' &&
      decision.resourceType === RESOURCE_TYPE_CATALOG_ENTITY
    ) {
      try {
        return applyCatalogConditions(decision, entity);
      } catch {
        // A rule this plugin does not know, or parameters it cannot check.
      }
    }
    // Conditions only their owner can evaluate: the permission backend decides for this entity.
    const entityRef = stringifyEntityRef(entity);
    const key = `${permission.name}\u0000${entityRef}`;
    let pending = decisions.perEntity.get(key);
    if (!pending) {
      this.#permissionCalls += 1;
      pending = this.options.permissions
        .authorize([{ permission, resourceRef: entityRef }], { credentials })
        .then(([d]) => d.result === AuthorizeResult.ALLOW);
      decisions.perEntity.set(key, pending);
      pending.catch(() => decisions.perEntity.delete(key));
    }
    return pending;
  }

  /** Drops expired callers once the cache is full, then the oldest. */
  #prune(now: number): void {
    if (this.#cache.size <= this.#maxCallers) return;
    for (const [key, entry] of this.#cache) {
      if (entry.expires <= now) this.#cache.delete(key);
    }
    for (const key of this.#cache.keys()) {
      if (this.#cache.size <= this.#maxCallers) break;
      this.#cache.delete(key);
    }
  }
}
