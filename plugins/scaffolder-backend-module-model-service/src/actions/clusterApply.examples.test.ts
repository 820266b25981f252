import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '../__testUtils__/createMockActionContext';
import { exampleSteps } from '../__testUtils__/exampleSteps';
import { InMemoryApplyClient } from '../__testUtils__/InMemoryApplyClient';
import { createClusterApplyAction } from './clusterApply';
import { examples } from './clusterApply.examples';

describe('model-service:cluster:apply examples', () => {
  const workspace = createMockDirectory({
    content: {
      'k8s/service.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: text-classifier\n',
    },
  });

  it.each(examples.map(e => [e.description, e] as const))(
    '%s',
    async (_description, example) => {
      const client = new InMemoryApplyClient();
      const action = createClusterApplyAction({
        targets: [
          {
            cluster: 'demo',
            namespaces: ['ml-serving'],
            connection: {
              name: 'demo',
              url: 'http://127.0.0.1:1',
              auth: { type: 'serviceAccount', token: 'demo-scaffolder-token' },
              skipTLSVerify: true,
            },
          },
        ],
        createClient: () => client,
      });
      for (const step of exampleSteps(example)) {
        expect(step.action).toBe(action.id);
        const ctx = createMockActionContext({
          input: step.input,
          workspacePath: workspace.path,
        });
        await action.handler(ctx as any);
        expect(ctx.outputs.applied).toEqual([
          expect.objectContaining({
            kind: 'Service',
            result: step.input.dryRun ? 'validated' : 'created',
          }),
        ]);
        expect(client.objects.size).toBe(step.input.dryRun ? 0 : 1);
      }
    },
  );
});
