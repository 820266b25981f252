import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  DEFAULT_PATTERN_PRESETS,
  lintManifests,
} from '@internal/plugin-model-scaling-common';
import { createMockActionContext } from '../__testUtils__/createMockActionContext';
import { exampleSteps } from '../__testUtils__/exampleSteps';
import { createPlanCreateAction } from './planCreate';
import { examples } from './planCreate.examples';

describe('model-service:plan:create examples', () => {
  const workspace = createMockDirectory();
  const action = createPlanCreateAction({ presets: DEFAULT_PATTERN_PRESETS });

  it('has one example per pattern', () => {
    const patterns = examples.map(e => {
      const input = exampleSteps(e)[0].input;
      return input.pattern === 'auto' ? `auto:${input.name}` : input.pattern;
    });
    expect(patterns).toEqual([
      'auto:text-classifier',
      'realtime-gpu',
      'auto:batch-embedder',
      'bursty',
    ]);
  });

  it.each(examples.map(e => [e.description, e] as const))(
    '%s',
    async (_description, example) => {
      workspace.clear();
      for (const step of exampleSteps(example)) {
        expect(step.action).toBe(action.id);
        const ctx = createMockActionContext({
          input: step.input,
          workspacePath: workspace.path,
        });
        await action.handler(ctx as any);
        const files = ctx.outputs.files as string[];
        const manifests = files.filter(f => f.startsWith('k8s/'));
        expect(manifests.length).toBeGreaterThan(0);
        const content = workspace.content({ shouldReadAsText: true }) as any;
        const findings = lintManifests(
          manifests.map(path => ({
            path,
            content: path.split('/').reduce((dir, part) => dir[part], content),
          })),
          {},
        );
        expect(findings.filter(f => f.severity === 'error')).toEqual([]);
      }
    },
  );
});
