import { mockServices } from '@backstage/backend-test-utils';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import { entityIndexKey, ModelServiceIndex } from './ModelServiceIndex';

const component = (name: string, type = 'model-service'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: {} },
  spec: { type, owner: 'group:default/team-a', lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
});

function setup(entities: Entity[], pageSize?: number) {
  // The in-memory catalog over the current contents of `entities`, which a test may change.
  const catalog = catalogServiceMock.mock();
  const store = () => catalogServiceMock({ entities: [...entities] });
  catalog.queryEntities.mockImplementation((req, o) =>
    store().queryEntities(req, o),
  );
  catalog.getEntityByRef.mockImplementation((ref, o) =>
    store().getEntityByRef(ref, o),
  );
  const index = new ModelServiceIndex({
    catalog,
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    pageSize,
  });
  return { index, catalog, entities };
}

describe('ModelServiceIndex', () => {
  it('refresh reads every model service page by page with the plugin’s own credentials, nothing else', async () => {
    const entities = [
      ...Array.from({ length: 23 }, (_, i) => component(`svc-${i}`)),
      component('website', 'website'),
    ];
    const { index, catalog } = setup(entities, 5);
    await index.refresh();
    expect(index.size).toBe(23);
    expect(index.get('component:default/svc-7')?.metadata.name).toBe('svc-7');
    expect(index.get('component:default/website')).toBeUndefined();
    // 23 model services in pages of 5.
    expect(catalog.queryEntities).toHaveBeenCalledTimes(5);
    const [first, options] = catalog.queryEntities.mock.calls[0];
    expect(first).toMatchObject({
      filter: { kind: 'Component', 'spec.type': 'model-service' },
      limit: 5,
    });
    expect((options as any).credentials.principal).toMatchObject({
      type: 'service',
    });
    // The relations the permission rules read are kept.
    expect(index.get('component:default/svc-1')?.relations).toEqual([
      { type: 'ownedBy', targetRef: 'group:default/team-a' },
    ]);
  });

  it('refs are case-insensitive, as in the catalog', async () => {
    const { index } = setup([component('Text-Classifier')]);
    await index.refresh();
    expect(index.get('Component:Default/text-classifier')).toBeDefined();
  });

  it('index miss: one catalog lookup finds a new entity before the next refresh, and keeps it', async () => {
    const entities = [component('a')];
    const { index, catalog } = setup(entities);
    await index.refresh();
    entities.push(component('new-service'));
    expect(index.get('component:default/new-service')).toBeUndefined();
    const [x, y] = await Promise.all([
      index.lookup('component:default/new-service'),
      index.lookup('component:default/new-service'),
    ]);
    expect(x?.metadata.name).toBe('new-service');
    expect(y).toBe(x);
    // Concurrent misses of one ref share one lookup, and it joins the index.
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
    expect(index.catalogLookups).toBe(1);
    await index.lookup('component:default/new-service');
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
    // A lookup of an indexed entity asks nothing.
    await index.lookup('component:default/a');
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
  });

  it('index miss: an entity the catalog does not have is undefined; another kind of entity is returned but not kept', async () => {
    const { index, catalog } = setup([component('website', 'website')]);
    await index.refresh();
    expect(await index.lookup('component:default/nope')).toBeUndefined();
    expect(
      (await index.lookup('component:default/website'))?.metadata.name,
    ).toBe('website');
    expect(index.size).toBe(0);
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(2);
  });

  it('an entity deleted from the catalog leaves the index at the next refresh', async () => {
    const entities = [component('a'), component('b')];
    const { index } = setup(entities);
    await index.refresh();
    expect(index.get('component:default/b')).toBeDefined();
    entities.splice(1, 1);
    await index.refresh();
    expect(index.get('component:default/b')).toBeUndefined();
    expect(await index.lookup('component:default/b')).toBeUndefined();
    expect(index.entities().map(e => e.metadata.name)).toEqual(['a']);
  });

  it('a failed refresh keeps the entities it had', async () => {
    const { index, catalog } = setup([component('a')]);
    await index.refresh();
    catalog.queryEntities.mockRejectedValueOnce(new Error('catalog down'));
    await expect(index.refresh()).rejects.toThrow('catalog down');
    expect(index.get('component:default/a')).toBeDefined();
  });
});

describe('entityIndexKey', () => {
  const catalogKey = (ref: string) =>
    stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');
  const part = (chars: string) =>
    fc
      .array(fc.constantFrom(...chars), { minLength: 1, maxLength: 12 })
      .map(c => c.join(''));
  const word = 'abcXYZ019';

  it("gives the catalog's key for any ref, full ASCII or not", () => {
    fc.assert(
      fc.property(
        part(word),
        part(`${word}-_.`),
        part(`${word}-_.Éßİ`),
        fc.boolean(),
        (kind, namespace, name, withNamespace) => {
          const ref = withNamespace
            ? `${kind}:${namespace}/${name}`
            : `${kind}:${name}`;
          expect(entityIndexKey(ref)).toBe(catalogKey(ref));
        },
      ),
    );
  });

  it('keys an entity as its ref', () => {
    const entity = component('Fraud-Model');
    expect(entityIndexKey(entity)).toBe('component:default/fraud-model');
    expect(entityIndexKey('Component:Default/FRAUD-model')).toBe(
      'component:default/fraud-model',
    );
  });
});
