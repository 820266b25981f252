import { createMockDirectory } from '@backstage/backend-test-utils';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { LocalFileLocationGuard } from './LocalFileLocationGuard';

const parser = async function* parse({ data }: { data: Buffer }) {
  yield {
    type: 'entity',
    entity: { text: data.toString('utf8') },
    location: { type: 'file', target: 'x' },
  } as unknown as CatalogProcessorResult;
};

describe('LocalFileLocationGuard', () => {
  const dir = createMockDirectory({
    content: {
      'published/svc/catalog-info.yaml': 'published',
      'static/org.yaml': 'static',
    },
  });

  async function read(guard: LocalFileLocationGuard, target: string) {
    const emitted: CatalogProcessorResult[] = [];
    const handled = await guard.readLocation(
      { type: 'file', target },
      false,
      r => emitted.push(r),
      parser as any,
    );
    return { handled, emitted };
  }

  it('leaves the static file locations of catalog.locations and other types to the catalog', async () => {
    const guard = new LocalFileLocationGuard({
      staticTargets: [`${dir.path}/static/org.yaml`],
    });
    expect(await read(guard, `${dir.path}/static/org.yaml`)).toEqual({
      handled: false,
      emitted: [],
    });
    expect(
      await guard.readLocation(
        { type: 'url', target: 'https://example.com/x.yaml' },
        false,
        () => {},
        parser as any,
      ),
    ).toBe(false);
  });

  it('reads no other file location when local publishing is off', async () => {
    const guard = new LocalFileLocationGuard({ staticTargets: [] });
    const { handled, emitted } = await read(
      guard,
      `${dir.path}/published/svc/catalog-info.yaml`,
    );
    expect(handled).toBe(true);
    expect(emitted).toEqual([
      expect.objectContaining({
        type: 'error',
        error: expect.objectContaining({
          message: expect.stringContaining(
            'only the file locations of catalog.locations are read',
          ),
        }),
      }),
    ]);
  });

  it('reads a file under the base directory from its real path, and reports a missing one', async () => {
    const guard = new LocalFileLocationGuard({
      baseDir: `${dir.path}/published`,
      staticTargets: [],
    });
    const ok = await read(guard, `${dir.path}/published/svc/catalog-info.yaml`);
    expect(ok.emitted[0]).toMatchObject({ entity: { text: 'published' } });
    const missing = await read(
      guard,
      `${dir.path}/published/none/catalog-info.yaml`,
    );
    expect(missing.emitted).toEqual([
      expect.objectContaining({ type: 'error' }),
    ]);
  });
});
