import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isModelServiceEntity,
  MODEL_SERVICE_CATALOG_FILTER,
} from '@internal/plugin-model-scaling-common';
import { nextBackgroundTurn } from '../Collection/timeSlicing';

/**
 * What the index keeps of an entity: everything the status document and the
 * catalog's permission rules read (`isEntityOwner` reads `relations`,
 * `hasAnnotation`/`hasLabel`/`hasMetadata` read `metadata`, `hasSpec` reads
 * `spec`, `isEntityKind` reads `kind`).
 */
export const MODEL_SERVICE_INDEX_FIELDS = [
  'apiVersion',
  'kind',
  'metadata',
  'spec',
  'relations',
];

/** Options of {@link ModelServiceIndex}. */
export interface ModelServiceIndexOptions {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** Entities per catalog page of a refresh (default 500). */
  pageSize?: number;
}

/** A full `kind:namespace/name` ref of ASCII letters, digits and `-_.` only. */
const FULL_ASCII_REF = /^[A-Za-z0-9]+:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/**
 * The catalog's case-insensitive form of an entity ref, used as the index
 * key. A full ASCII ref (what the entity routes' path parameters allow) is
 * lower-cased as it is: parsing and printing it gives it back unchanged, and
 * for ASCII `toLowerCase` equals the catalog's `toLocaleLowerCase('en-US')`,
 * which costs about 5 % of a status view.
 */
export function entityIndexKey(ref: string | Entity): string {
  if (typeof ref === 'string' && FULL_ASCII_REF.test(ref)) {
    return ref.toLowerCase();
  }
  const text =
    typeof ref === 'string'
      ? stringifyEntityRef(parseEntityRef(ref))
      : stringifyEntityRef(ref);
  return text.toLocaleLowerCase('en-US');
}

/**
 * The plugin's own copy of the catalog's model services, read with the
 * plugin's service credentials, so a status view needs no catalog round
 * trip. `refresh()` pages through the catalog (run on a schedule, every
 * 30 s by default) and replaces the whole set, so an entity deleted from the
 * catalog leaves the index at the next refresh; `lookup()` asks the catalog
 * once for a ref the index does not hold, so a new entity is served before
 * the next refresh. Who may see an entity is decided per caller by the
 * authorizer, never by this index.
 */
export class ModelServiceIndex {
  #entities = new Map<string, Entity>();
  readonly #lookups = new Map<string, Promise<Entity | undefined>>();
  #refreshing?: Promise<void>;
  #refreshedAt?: number;
  #catalogLookups = 0;

  constructor(private readonly options: ModelServiceIndexOptions) {}

  /** Number of indexed model services. */
  get size(): number {
    return this.#entities.size;
  }

  /** When the last full refresh finished (ms since the epoch), if one has. */
  get refreshedAt(): number | undefined {
    return this.#refreshedAt;
  }

  /** One-off catalog lookups made for refs the index did not hold (for benchmarks and tests). */
  get catalogLookups(): number {
    return this.#catalogLookups;
  }

  /** The indexed entity of a ref, without asking the catalog. */
  get(ref: string): Entity | undefined {
    return this.#entities.get(entityIndexKey(ref));
  }

  /** Every indexed model service. */
  entities(): Entity[] {
    return [...this.#entities.values()];
  }

  /**
   * The entity of a ref: from the index, or else one catalog lookup with the
   * plugin's credentials (concurrent lookups of one ref share it). A model
   * service found that way joins the index; another entity is returned but
   * not kept. `undefined` when the catalog has no such entity.
   */
  async lookup(ref: string): Promise<Entity | undefined> {
    const key = entityIndexKey(ref);
    const indexed = this.#entities.get(key);
    if (indexed) return indexed;
    let pending = this.#lookups.get(key);
    if (!pending) {
      pending = this.#lookupInCatalog(ref).finally(() =>
        this.#lookups.delete(key),
      );
      this.#lookups.set(key, pending);
    }
    return pending;
  }

  async #lookupInCatalog(ref: string): Promise<Entity | undefined> {
    this.#catalogLookups += 1;
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (entity && isModelServiceEntity(entity)) {
      this.#entities.set(entityIndexKey(entity), entity);
    }
    return entity;
  }

  /** Reads every model service from the catalog, page by page; concurrent calls share one refresh. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#refresh().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #refresh(): Promise<void> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const limit = this.options.pageSize ?? 500;
    const next = new Map<string, Entity>();
    let cursor: string | undefined;
    do {
      const page = await this.options.catalog.queryEntities(
        cursor
          ? { cursor, limit, fields: MODEL_SERVICE_INDEX_FIELDS }
          : {
              filter: { ...MODEL_SERVICE_CATALOG_FILTER },
              limit,
              fields: MODEL_SERVICE_INDEX_FIELDS,
            },
        { credentials },
      );
      for (const entity of page.items) {
        if (isModelServiceEntity(entity))
          next.set(entityIndexKey(entity), entity);
      }
      cursor = page.pageInfo.nextCursor;
      // A page at a time, so a large catalog never holds the event loop.
      await nextBackgroundTurn();
    } while (cursor);
    this.#entities = next;
    this.#refreshedAt = Date.now();
    this.options.logger.debug('Model service index refreshed', {
      entities: next.size,
    });
  }
}
