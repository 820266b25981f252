import { Entity } from '@backstage/catalog-model';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';

/** The repository's `examples/entities/model-services.yaml`: the four example model services. */
export function exampleModelServices(): Entity[] {
  const file = resolvePackagePath(
    '@internal/plugin-model-scaling-backend',
    '../../examples/entities/model-services.yaml',
  );
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(d => d.toJS() as Entity)
    .filter(e => e && e.kind === 'Component')
    .map(e => ({ ...e, metadata: { namespace: 'default', ...e.metadata } }));
}

/** Catalog entities for the demo cluster's synthetic services (`model-0000` …), as its generator names them. */
export function syntheticModelServices(
  count: number,
  gpuEvery = 5,
  namespace = 'synthetic',
): Entity[] {
  const width = String(count).length;
  return Array.from({ length: count }, (_, i) => {
    const name = `model-${String(i).padStart(width, '0')}`;
    const gpu = gpuEvery > 0 && i % gpuEvery === gpuEvery - 1;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        annotations: {
          'backstage.io/kubernetes-id': name,
          'backstage.io/kubernetes-namespace': namespace,
          'model-scaling.io/pattern': gpu ? 'realtime-gpu' : 'realtime-cpu',
          ...(gpu && { 'model-scaling.io/triton-models': `${name}-model` }),
        },
      },
      spec: {
        type: 'model-service',
        lifecycle: 'production',
        owner: 'team-synthetic',
      },
    };
  });
}
