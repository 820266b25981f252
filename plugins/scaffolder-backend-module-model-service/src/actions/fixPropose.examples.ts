import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `model-service:fix:propose`, shown in the portal's action list. */
export const examples: TemplateExample[] = [
  {
    description:
      'Show the diff of bringing a service to its golden-path preset, without writing anything',
    example: yaml.stringify({
      steps: [
        {
          id: 'preview',
          action: 'model-service:fix:propose',
          name: 'Preview the fix',
          input: {
            entityRef: 'component:default/text-classifier',
            fixIds: ['preset:service'],
            dryRun: true,
          },
        },
      ],
    }),
  },
  {
    description:
      'Commit a finding’s fix to a new branch of the service’s local repository (demo)',
    example: yaml.stringify({
      steps: [
        {
          id: 'propose',
          action: 'model-service:fix:propose',
          name: 'Propose the fix',
          input: {
            entityRef: 'component:default/text-classifier',
            target: 'local-branch',
            branch: 'model-scaling/scale-down-window',
            fixes: [
              {
                id: 'default-scale-down-window:HorizontalPodAutoscaler/text-classifier',
                title: 'Set the scale-down stabilization window to 90 s',
                source: {
                  kind: 'finding',
                  id: 'default-scale-down-window',
                  subject: 'HorizontalPodAutoscaler/text-classifier',
                },
                planChanges: [
                  {
                    path: [
                      'autoscaler',
                      'behavior',
                      'scaleDownStabilizationWindowSeconds',
                    ],
                    to: 90,
                  },
                ],
              },
            ],
          },
        },
      ],
    }),
  },
  {
    description:
      'Open a pull request on GitHub with the batching advisor’s setting',
    example: yaml.stringify({
      steps: [
        {
          id: 'propose',
          action: 'model-service:fix:propose',
          name: 'Open a pull request',
          input: {
            entityRef: 'component:default/image-classifier',
            target: 'pull-request',
            fixes: [
              {
                id: 'batching-advice:TritonModel/resnet50',
                title:
                  'Batching of resnet50: preferred [8, 16], queue delay 1000 µs',
                source: {
                  kind: 'advice',
                  id: 'batching-advice',
                  subject: 'TritonModel/resnet50',
                },
                planChanges: [
                  { path: ['triton', 'preferredBatchSizes'], to: [8, 16] },
                  { path: ['triton', 'maxQueueDelayMicroseconds'], to: 1000 },
                ],
              },
            ],
          },
        },
      ],
    }),
  },
];
