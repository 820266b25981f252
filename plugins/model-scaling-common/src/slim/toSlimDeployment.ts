import type { SlimDeployment } from '../types/status';
import { readNumber, readObject, readStringMap } from './read';
import { expectKind, toSlimMeta } from './toSlimMeta';
import { toSlimPodSpec } from './toSlimPodSpec';

/** Reduces a raw `apps/v1` Deployment (API JSON or client-node object) to a {@link SlimDeployment}. */
export function toSlimDeployment(
  raw: unknown,
  cluster: string,
): SlimDeployment {
  const ctx = { kind: 'Deployment' };
  const obj = expectKind(ctx.kind, raw);
  const spec = readObject(ctx, obj.spec, 'spec');
  const selector = readObject(ctx, spec?.selector, 'spec.selector');
  const template = readObject(ctx, spec?.template, 'spec.template');
  const templateMeta = readObject(
    ctx,
    template?.metadata,
    'spec.template.metadata',
  );
  const status = readObject(ctx, obj.status, 'status');
  const replicas = readNumber(ctx, status?.replicas, 'status.replicas') ?? 0;
  const available =
    readNumber(ctx, status?.availableReplicas, 'status.availableReplicas') ?? 0;
  const deployment: SlimDeployment = {
    kind: 'Deployment',
    meta: toSlimMeta(ctx, obj, cluster),
    selector: readStringMap(
      ctx,
      selector?.matchLabels,
      'spec.selector.matchLabels',
    ),
    template: {
      labels: readStringMap(
        ctx,
        templateMeta?.labels,
        'spec.template.metadata.labels',
      ),
      annotations: readStringMap(
        ctx,
        templateMeta?.annotations,
        'spec.template.metadata.annotations',
      ),
      spec: toSlimPodSpec(ctx, template?.spec, 'spec.template.spec'),
    },
    status: {
      replicas,
      readyReplicas:
        readNumber(ctx, status?.readyReplicas, 'status.readyReplicas') ?? 0,
      availableReplicas: available,
      updatedReplicas:
        readNumber(ctx, status?.updatedReplicas, 'status.updatedReplicas') ?? 0,
      unavailableReplicas:
        readNumber(
          ctx,
          status?.unavailableReplicas,
          'status.unavailableReplicas',
        ) ?? 0,
    },
  };
  const specReplicas = readNumber(ctx, spec?.replicas, 'spec.replicas');
  if (specReplicas !== undefined) deployment.specReplicas = specReplicas;
  const observedGeneration = readNumber(
    ctx,
    status?.observedGeneration,
    'status.observedGeneration',
  );
  if (observedGeneration !== undefined)
    deployment.status.observedGeneration = observedGeneration;
  return deployment;
}
