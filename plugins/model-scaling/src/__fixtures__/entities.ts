import { Entity } from '@backstage/catalog-model';

/** A catalog entity shaped like those in `examples/entities/model-services.yaml`. */
export function modelServiceEntity(
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-id': name,
        'backstage.io/kubernetes-namespace': 'ml-serving',
        ...annotations,
      },
    },
    spec: { type: 'model-service', lifecycle: 'production', owner: 'team-nlp' },
  };
}
