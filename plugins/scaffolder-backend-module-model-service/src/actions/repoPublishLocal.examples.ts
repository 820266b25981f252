import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `model-service:repo:publish-local`, shown in the portal's action list. */
export const examples: TemplateExample[] = [
  {
    description:
      'Publish the whole workspace as a local repository and register its catalog-info.yaml',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'model-service:repo:publish-local',
          name: 'Publish locally',
          input: { name: 'text-classifier' },
        },
      ],
    }),
  },
  {
    description:
      'Publish a subdirectory on a custom branch with a custom commit message',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'model-service:repo:publish-local',
          name: 'Publish locally',
          input: {
            name: 'image-classifier',
            sourcePath: 'service',
            defaultBranch: 'trunk',
            commitMessage: 'Scaffold image-classifier (realtime-gpu)',
          },
        },
      ],
    }),
  },
];
