import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createPlan,
  DEFAULT_PATTERN_PRESETS,
  fixableFiles,
  imageClassifierAnswers,
  PatternPresets,
  textClassifierAnswers,
} from '@internal/plugin-model-scaling-common';
import { setupServer } from 'msw/node';
import {
  fakeGithubRepository,
  generatedRepository,
  serviceEntity,
} from '../__testUtils__/fixRepositories';
import {
  cleanupMockActionContexts,
  createMockActionContext,
} from '../__testUtils__/createMockActionContext';
import { exampleSteps } from '../__testUtils__/exampleSteps';
import { createFixProposeAction } from './fixPropose';
import { examples } from './fixPropose.examples';

const github = fakeGithubRepository(
  'acme',
  'image-classifier',
  new Map(
    fixableFiles(createPlan(imageClassifierAnswers)).map(f => [
      f.path,
      f.content,
    ]),
  ),
);
const server = setupServer(...github.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('model-service:fix:propose examples', () => {
  let baseDir: string;
  let workspace: string;
  beforeEach(async () => {
    baseDir = await mkdtemp(join(tmpdir(), 'fix-examples-'));
    workspace = await mkdtemp(join(tmpdir(), 'fix-examples-ws-'));
  });
  afterEach(async () => {
    await rm(baseDir, { recursive: true, force: true });
    await rm(workspace, { recursive: true, force: true });
    await cleanupMockActionContexts();
  });

  it.each(examples.map(e => [e.description, e] as const))(
    '%s',
    async (_d, example) => {
      // presets that differ from the text-classifier plan, so preset:service is offered
      const presets = JSON.parse(
        JSON.stringify(DEFAULT_PATTERN_PRESETS),
      ) as PatternPresets;
      presets['realtime-cpu'].cpuTargetUtilization = 60;
      presets['realtime-cpu'].maxReplicas = 30;
      const local = await generatedRepository(
        baseDir,
        createPlan(textClassifierAnswers),
      );
      const action = createFixProposeAction({
        catalog: catalogServiceMock({
          entities: [
            serviceEntity('text-classifier', {
              'backstage.io/managed-by-location': `file:${local}/catalog-info.yaml`,
            }),
            serviceEntity('image-classifier', {
              'backstage.io/source-location':
                'url:https://github.com/acme/image-classifier/tree/main/',
            }),
          ],
        }),
        permissions: mockServices.permissions(),
        integrations: ScmIntegrations.fromConfig(
          new ConfigReader({
            integrations: { github: [{ host: 'github.com', token: 't' }] },
          }),
        ),
        presets,
        localBaseDir: baseDir,
        defaultAuthor: { name: 'Scaffolder', email: 'scaffolder@example.com' },
      });
      for (const step of exampleSteps(example)) {
        expect(step.action).toBe(action.id);
        const ctx = createMockActionContext({
          input: step.input,
          workspacePath: workspace,
        });
        await action.handler(ctx as any);
        expect(ctx.outputs.diff).toMatch(/^--- a\//);
        let expected: Record<string, unknown> = { branch: step.input.branch };
        if (step.input.dryRun) expected = { branch: undefined };
        else if (step.input.target === 'pull-request') {
          expected = {
            branch: ctx.outputs.branch,
            pullRequestUrl: 'https://github.com/acme/image-classifier/pull/7',
          };
        }
        expect({
          branch: ctx.outputs.branch,
          pullRequestUrl: ctx.outputs.pullRequestUrl,
        }).toEqual(expected);
        expect(
          ctx.outputs.dryRun ||
            /^(model-scaling\/fix-|model-scaling\/)/.test(
              String(ctx.outputs.branch),
            ),
        ).toBe(true);
      }
    },
  );
});
