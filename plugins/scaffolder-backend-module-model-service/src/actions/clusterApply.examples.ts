import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `model-service:cluster:apply`, shown in the portal's action list. */
export const examples: TemplateExample[] = [
  {
    description:
      'Server-side dry run of the rendered manifests against the demo cluster',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'model-service:cluster:apply',
          name: 'Dry-run apply',
          input: {
            cluster: 'demo',
            namespace: 'ml-serving',
            manifests: ['k8s'],
            dryRun: true,
          },
        },
      ],
    }),
  },
  {
    description: 'Apply the rendered manifests to an allowed namespace',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'model-service:cluster:apply',
          name: 'Apply to the cluster',
          input: {
            cluster: 'demo',
            namespace: 'ml-serving',
          },
        },
      ],
    }),
  },
];
