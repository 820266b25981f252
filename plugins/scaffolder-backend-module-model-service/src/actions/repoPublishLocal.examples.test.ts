import { join } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '../__testUtils__/createMockActionContext';
import { exampleSteps } from '../__testUtils__/exampleSteps';
import { createRepoPublishLocalAction } from './repoPublishLocal';
import { examples } from './repoPublishLocal.examples';

const catalogInfo = (name: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: model-service\n  owner: ml-platform\n  lifecycle: experimental\n`;

describe('model-service:repo:publish-local examples', () => {
  const workspace = createMockDirectory();
  const baseDir = createMockDirectory();

  it.each(examples.map(e => [e.description, e] as const))(
    '%s',
    async (_description, example) => {
      baseDir.clear();
      const catalog = catalogServiceMock.mock();
      const action = createRepoPublishLocalAction({
        localPublish: { baseDir: baseDir.path },
        catalog,
        defaultAuthor: { name: 'Scaffolder', email: 'scaffolder@example.com' },
      });
      for (const step of exampleSteps(example)) {
        expect(step.action).toBe(action.id);
        const name = step.input.name as string;
        const source = (step.input.sourcePath as string | undefined) ?? '.';
        workspace.setContent({
          [join(source, 'catalog-info.yaml')]: catalogInfo(name),
        });
        const ctx = createMockActionContext({
          input: step.input,
          workspacePath: workspace.path,
        });
        await action.handler(ctx as any);
        expect(ctx.outputs.entityRef).toBe(`component:default/${name}`);
        expect(baseDir.content({ path: name })).toMatchObject({
          'catalog-info.yaml': catalogInfo(name),
        });
        expect(catalog.addLocation).toHaveBeenCalledWith(
          {
            type: 'file',
            target: join(baseDir.path, name, 'catalog-info.yaml'),
          },
          expect.anything(),
        );
      }
    },
  );
});
