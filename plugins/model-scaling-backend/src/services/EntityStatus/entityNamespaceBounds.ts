import {
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * One rule of `modelScaling.entityNamespaces`: entities of a catalog
 * namespace and/or an owner may select workloads in these cluster
 * namespaces. A pattern is a namespace name, or a prefix ending in `*`.
 */
export interface EntityNamespaceRule {
  catalogNamespace?: string;
  owner?: string;
  clusterNamespaces: string[];
}

/**
 * The cluster namespace patterns an entity may select, or `undefined` when
 * the platform team set no bounds (any namespace).
 */
export type EntityNamespaceBounds = (entity: Entity) => string[] | undefined;

/** No bounds: what an installation without `modelScaling.entityNamespaces` gets. */
export const unboundedEntityNamespaces: EntityNamespaceBounds = () => undefined;

const MAX_CACHED_OWNERS = 10_000;

function normalizeOwner(ref: string, defaultNamespace: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind: 'group', defaultNamespace }),
  ).toLocaleLowerCase('en-US');
}

/**
 * Bounds from `modelScaling.entityNamespaces`. An entity matches a rule when
 * every field the rule sets matches: `catalogNamespace` its
 * `metadata.namespace`, `owner` its `spec.owner` (both as entity refs, kind
 * `group` by default, compared case-insensitively like the catalog does). It
 * may select the union of the matching rules' namespaces, and none when no
 * rule matches. Without rules (`undefined`), there are no bounds.
 */
export function createEntityNamespaceBounds(
  rules: EntityNamespaceRule[] | undefined,
): EntityNamespaceBounds {
  if (!rules) return unboundedEntityNamespaces;
  const prepared = rules.map(r => ({
    catalogNamespace: r.catalogNamespace?.toLocaleLowerCase('en-US'),
    owner: r.owner && normalizeOwner(r.owner, DEFAULT_NAMESPACE),
    clusterNamespaces: r.clusterNamespaces,
  }));
  // Owner refs normalized once per (owner, namespace): the fleet route asks for every entity.
  const owners = new Map<string, string | undefined>();
  const ownerOf = (ownerText: string, namespace: string) => {
    const key = `${namespace} ${ownerText}`;
    if (!owners.has(key)) {
      if (owners.size >= MAX_CACHED_OWNERS) owners.clear();
      let owner: string | undefined;
      try {
        owner = normalizeOwner(ownerText, namespace);
      } catch {
        owner = undefined;
      }
      owners.set(key, owner);
    }
    return owners.get(key);
  };
  return entity => {
    const namespace = (
      entity.metadata.namespace ?? DEFAULT_NAMESPACE
    ).toLocaleLowerCase('en-US');
    const ownerText = (entity.spec as { owner?: unknown } | undefined)?.owner;
    const owner =
      typeof ownerText === 'string' && ownerText
        ? ownerOf(ownerText, namespace)
        : undefined;
    const allowed = new Set<string>();
    for (const r of prepared) {
      if (r.catalogNamespace !== undefined && r.catalogNamespace !== namespace)
        continue;
      if (r.owner !== undefined && r.owner !== owner) continue;
      r.clusterNamespaces.forEach(p => allowed.add(p));
    }
    return [...allowed];
  };
}

/** True when `namespace` is one of `patterns` (names, or prefixes ending in `*`). */
export function namespaceAllowed(
  patterns: string[],
  namespace: string,
): boolean {
  return patterns.some(p =>
    p.endsWith('*') ? namespace.startsWith(p.slice(0, -1)) : p === namespace,
  );
}
