import { Entity } from '@backstage/catalog-model';
import {
  createEntityNamespaceBounds,
  namespaceAllowed,
} from './entityNamespaceBounds';

const entity = (namespace: string | undefined, owner?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc', ...(namespace && { namespace }) },
  spec: { type: 'model-service', ...(owner && { owner }) },
});

describe('createEntityNamespaceBounds', () => {
  it('has no bounds without rules', () => {
    expect(createEntityNamespaceBounds(undefined)(entity('x'))).toBeUndefined();
  });

  it('gives an entity the union of the rules it matches, none when it matches none', () => {
    const bounds = createEntityNamespaceBounds([
      { owner: 'team-nlp', clusterNamespaces: ['nlp-*'] },
      {
        catalogNamespace: 'ml',
        owner: 'group:ml/vision',
        clusterNamespaces: ['vision'],
      },
      { catalogNamespace: 'default', clusterNamespaces: ['shared'] },
    ]);
    // Owner refs are compared the way the catalog resolves them: kind group by
    // default, the entity's own namespace by default, case-insensitively.
    expect(bounds(entity(undefined, 'Team-NLP'))).toEqual(['nlp-*', 'shared']);
    expect(bounds(entity('ml', 'vision'))).toEqual(['vision']);
    expect(bounds(entity('ml', 'group:default/team-nlp'))).toEqual(['nlp-*']);
    expect(bounds(entity('other', 'user:default/alice'))).toEqual([]);
    expect(bounds(entity('other'))).toEqual([]);
  });

  it('treats an unreadable owner as no owner', () => {
    const bounds = createEntityNamespaceBounds([
      { owner: 'team-a', clusterNamespaces: ['a'] },
    ]);
    expect(bounds(entity('default', 'group:'))).toEqual([]);
  });
});

describe('namespaceAllowed', () => {
  it('matches names exactly and prefixes ending in *', () => {
    expect(namespaceAllowed(['ml', 'team-*'], 'ml')).toBe(true);
    expect(namespaceAllowed(['ml', 'team-*'], 'ml-x')).toBe(false);
    expect(namespaceAllowed(['ml', 'team-*'], 'team-a')).toBe(true);
    expect(namespaceAllowed(['team-*'], 'team')).toBe(false);
    expect(namespaceAllowed([], 'ml')).toBe(false);
  });
});
